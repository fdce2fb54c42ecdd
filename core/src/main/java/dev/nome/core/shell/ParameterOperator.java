package dev.nome.core.shell;

/**
 * The operator of a braced parameter expansion, with what its operands hold ({@code operand},
 * {@code operand2} of {@link ParameterExpansion}).
 */
public enum ParameterOperator {
  /** No operator: {@code $x}, {@code ${x}}, {@code ${#x}}, {@code ${!x}}. */
  NONE(""),
  /** {@code ${x:-word}}: operand is the word. */
  DEFAULT(":-"),
  /** {@code ${x-word}}. */
  DEFAULT_UNSET("-"),
  /** {@code ${x:=word}}. */
  ASSIGN(":="),
  /** {@code ${x=word}}. */
  ASSIGN_UNSET("="),
  /** {@code ${x:?word}}. */
  ERROR(":?"),
  /** {@code ${x?word}}. */
  ERROR_UNSET("?"),
  /** {@code ${x:+word}}. */
  ALTERNATE(":+"),
  /** {@code ${x+word}}. */
  ALTERNATE_UNSET("+"),
  /** {@code ${x:offset}} or {@code ${x:offset:length}}: operands are arithmetic text. */
  SUBSTRING(":"),
  /** {@code ${x#pattern}}: operand is the pattern. */
  REMOVE_SHORTEST_PREFIX("#"),
  /** {@code ${x##pattern}}. */
  REMOVE_LONGEST_PREFIX("##"),
  /** {@code ${x%pattern}}. */
  REMOVE_SHORTEST_SUFFIX("%"),
  /** {@code ${x%%pattern}}. */
  REMOVE_LONGEST_SUFFIX("%%"),
  /** {@code ${x/pattern/string}}: operand is the pattern, operand2 the string (null if absent). */
  REPLACE_FIRST("/"),
  /** {@code ${x//pattern/string}}. */
  REPLACE_ALL("//"),
  /** {@code ${x/#pattern/string}}. */
  REPLACE_PREFIX("/#"),
  /** {@code ${x/%pattern/string}}. */
  REPLACE_SUFFIX("/%"),
  /** {@code ${x^pattern}}: operand is the pattern or null. */
  UPPER_FIRST("^"),
  /** {@code ${x^^pattern}}. */
  UPPER_ALL("^^"),
  /** {@code ${x,pattern}}. */
  LOWER_FIRST(","),
  /** {@code ${x,,pattern}}. */
  LOWER_ALL(",,"),
  /** {@code ${x@Q}} and the other transformations: operand is the one-letter operator. */
  TRANSFORM("@"),
  /** {@code ${!prefix*}}: the names of variables starting with the prefix. */
  NAMES_STAR("*"),
  /** {@code ${!prefix@}}. */
  NAMES_AT("@");

  private final String token;

  ParameterOperator(String token) {
    this.token = token;
  }

  /** The operator as written after the name. */
  public String token() {
    return token;
  }
}
