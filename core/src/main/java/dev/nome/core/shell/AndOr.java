package dev.nome.core.shell;

/**
 * {@code left && right} or {@code left || right}. Both operators have the same precedence and group
 * to the left, so {@code a && b || c} is {@code AndOr(AndOr(a, &&, b), ||, c)}.
 */
public record AndOr(Command left, Operator operator, Command right, int start, int end)
    implements Command {

  /** The list operator. */
  public enum Operator {
    AND("&&"),
    OR("||");

    private final String token;

    Operator(String token) {
      this.token = token;
    }

    /** The operator as written. */
    public String token() {
      return token;
    }
  }
}
