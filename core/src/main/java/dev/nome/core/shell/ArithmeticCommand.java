package dev.nome.core.shell;

import java.util.List;

/** The arithmetic command {@code (( expression ))}. */
public record ArithmeticCommand(Arithmetic expression, List<Redirect> redirects, int start, int end)
    implements CompoundCommand {
  public ArithmeticCommand {
    redirects = List.copyOf(redirects);
  }
}
