package dev.nome.core.shell;

import java.util.List;

/** The conditional command {@code [[ expression ]]}. */
public record TestCommand(TestExpression expression, List<Redirect> redirects, int start, int end)
    implements CompoundCommand {
  public TestCommand {
    redirects = List.copyOf(redirects);
  }
}
