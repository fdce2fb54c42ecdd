package dev.nome.core.shell;

import java.util.List;

/** The C-style loop {@code for ((init; condition; update)); do body; done}. */
public record ArithForCommand(
    Arithmetic init,
    Arithmetic condition,
    Arithmetic update,
    List<Statement> body,
    List<Redirect> redirects,
    int start,
    int end)
    implements CompoundCommand {
  public ArithForCommand {
    body = List.copyOf(body);
    redirects = List.copyOf(redirects);
  }
}
