package dev.nome.core.shell;

/**
 * {@code $name}, {@code ${name}} and every braced form.
 *
 * <ul>
 *   <li>{@code braced}: written with braces.
 *   <li>{@code name}: the variable name, a positional number or a special parameter ({@code @ * # ?
 *       - $ ! 0}).
 *   <li>{@code index}: the array subscript text between {@code [ ]} (arithmetic for indexed arrays,
 *       a string for associative ones; {@code @} or {@code *} for all elements), or null.
 *   <li>{@code length}: {@code ${#x}}.
 *   <li>{@code indirect}: {@code ${!x}} (also {@code ${!x[@]}}, the keys of an array).
 *   <li>{@code operator} with its operands: see {@link ParameterOperator} for what {@code operand}
 *       and {@code operand2} hold; both are null when the operator does not take them.
 * </ul>
 */
public record ParameterExpansion(
    boolean braced,
    String name,
    Word index,
    boolean length,
    boolean indirect,
    ParameterOperator operator,
    Word operand,
    Word operand2,
    int start,
    int end)
    implements WordPart {

  /** True for {@code ${x@P}}, which expands the value as a prompt string (and so runs code). */
  public boolean isPromptTransformation() {
    return operator == ParameterOperator.TRANSFORM
        && operand != null
        && operand.literal().filter("P"::equals).isPresent();
  }
}
