package dev.nome.core.shell;

import java.util.List;

/**
 * {@code $"..."}: a double-quoted string that bash may translate through the locale's message
 * catalogue. We take it as the untranslated string, as bash does without a catalogue.
 */
public record LocaleQuoted(List<WordPart> parts, int start, int end) implements WordPart {
  public LocaleQuoted {
    parts = List.copyOf(parts);
  }
}
