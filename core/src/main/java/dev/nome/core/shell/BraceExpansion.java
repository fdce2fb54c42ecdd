package dev.nome.core.shell;

import java.util.List;

/**
 * {@code {a,b,c}} (each alternative a word) or, when {@code sequence}, {@code {from..to}} or {@code
 * {from..to..step}} (the items are the literal endpoints and step).
 */
public record BraceExpansion(boolean sequence, List<Word> items, int start, int end)
    implements WordPart {
  public BraceExpansion {
    items = List.copyOf(items);
  }
}
