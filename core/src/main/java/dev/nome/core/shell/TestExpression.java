package dev.nome.core.shell;

/** An expression inside {@code [[ ]]}. */
public sealed interface TestExpression extends Node
    permits TestExpression.Unary,
        TestExpression.Binary,
        TestExpression.Logical,
        TestExpression.Not,
        TestExpression.Group,
        TestExpression.Single {

  /** {@code -f file}, {@code -z string}, {@code -v name}...: operator as written. */
  record Unary(String operator, Word operand, int start, int end) implements TestExpression {}

  /**
   * {@code a == pattern}, {@code a =~ regex}, {@code a -eq b} (both sides arithmetic), {@code a -nt
   * b}...: operator as written.
   */
  record Binary(Word left, String operator, Word right, int start, int end)
      implements TestExpression {
    /** True for the operators whose operands bash evaluates as arithmetic expressions. */
    public boolean isArithmetic() {
      return switch (operator) {
        case "-eq", "-ne", "-lt", "-le", "-gt", "-ge" -> true;
        default -> false;
      };
    }
  }

  /** {@code left && right} or {@code left || right}. */
  record Logical(
      TestExpression left, AndOr.Operator operator, TestExpression right, int start, int end)
      implements TestExpression {}

  /** {@code ! expression}. */
  record Not(TestExpression expression, int start, int end) implements TestExpression {}

  /** {@code ( expression )}. */
  record Group(TestExpression expression, int start, int end) implements TestExpression {}

  /** A lone word: true when it is not empty. */
  record Single(Word word, int start, int end) implements TestExpression {}
}
