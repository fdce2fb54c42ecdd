package dev.nome.core.shell;

import java.util.List;

/** {@code { list; }}: groups commands in the current shell. */
public record BraceGroup(List<Statement> body, List<Redirect> redirects, int start, int end)
    implements CompoundCommand {
  public BraceGroup {
    body = List.copyOf(body);
    redirects = List.copyOf(redirects);
  }
}
