package dev.nome.core.shell;

import java.util.List;

/**
 * {@code name=value}, {@code name+=value}, {@code name[index]=value} or an array assignment {@code
 * name=(elements)}. For a scalar, {@code value} is the word (possibly empty) and {@code elements}
 * is null; for an array, {@code value} is null and {@code elements} holds the elements. {@code
 * index} is the subscript text or null.
 */
public record Assignment(
    String name,
    Word index,
    boolean append,
    Word value,
    List<ArrayElement> elements,
    int start,
    int end)
    implements DeclarationOperand {
  public Assignment {
    elements = elements == null ? null : List.copyOf(elements);
  }

  /** True for {@code name=(...)}. */
  public boolean isArray() {
    return elements != null;
  }
}
