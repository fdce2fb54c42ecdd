package dev.nome.core.shell;

import java.util.List;

/** {@code while c; do b; done}, or {@code until} when {@code until} is true. */
public record WhileCommand(
    boolean until,
    List<Statement> condition,
    List<Statement> body,
    List<Redirect> redirects,
    int start,
    int end)
    implements CompoundCommand {
  public WhileCommand {
    condition = List.copyOf(condition);
    body = List.copyOf(body);
    redirects = List.copyOf(redirects);
  }
}
