package dev.nome.core.shell;

import java.util.List;

/** {@code ( list )}: runs its body in a child shell. */
public record Subshell(List<Statement> body, List<Redirect> redirects, int start, int end)
    implements CompoundCommand {
  public Subshell {
    body = List.copyOf(body);
    redirects = List.copyOf(redirects);
  }
}
