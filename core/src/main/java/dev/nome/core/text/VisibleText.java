package dev.nome.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Untrusted text (an agent's proposed action) made safe to show to the person who decides about it:
 * every character that could hide, reorder or fake what the text says is shown as an escape.
 *
 * <p>Escaped: control characters ({@code \n}, {@code \r}, {@code \t}, others as <code>&#92;u{1B}
 * </code>), bidirectional overrides and isolates, zero-width and other invisible or format
 * characters, whitespace other than the plain space, unpaired surrogates, private-use and
 * unassigned code points, tag characters and variation selectors, and combining marks stacked more
 * than two deep. A backslash is doubled, so an escape in the output always came from this class and
 * never from the text itself.
 *
 * @param parts the text split into literal runs and escapes, for styling escapes apart
 * @param hidden how many characters were escaped (backslashes not counted)
 */
public record VisibleText(List<Part> parts, int hidden) {

  /** A run of text as it was ({@code escape == false}) or one escaped code point. */
  public record Part(String text, boolean escape) {}

  private static final int MAX_STACKED_MARKS = 2;

  public VisibleText {
    parts = List.copyOf(parts);
  }

  /** The whole text with escapes inline. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      b.append(p.text());
    }
    return b.toString();
  }

  public boolean altered() {
    return hidden > 0;
  }

  /** Shortcut for {@code of(raw).text()}. */
  public static String escape(String raw) {
    return of(raw).text();
  }

  public static VisibleText of(String raw) {
    List<Part> parts = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int hidden = 0;
    int marks = 0;
    int i = 0;
    while (i < raw.length()) {
      int cp = raw.codePointAt(i);
      int width = Character.charCount(cp);
      i += width;
      int type = Character.getType(cp);
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
      marks = mark ? marks + 1 : 0;
      if (cp == '\\') {
        run.append("\\\\");
        continue;
      }
      if (mustEscape(cp, type) || (mark && marks > MAX_STACKED_MARKS)) {
        if (!run.isEmpty()) {
          parts.add(new Part(run.toString(), false));
          run.setLength(0);
        }
        parts.add(new Part(escapeOf(cp), true));
        hidden++;
        continue;
      }
      run.appendCodePoint(cp);
    }
    if (!run.isEmpty()) {
      parts.add(new Part(run.toString(), false));
    }
    return new VisibleText(parts, hidden);
  }

  private static String escapeOf(int cp) {
    return switch (cp) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> String.format(Locale.ROOT, "\\u{%X}", cp);
    };
  }

  private static boolean mustEscape(int cp, int type) {
    if (cp == ' ') {
      return false;
    }
    switch (type) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> {
        return true;
      }
      default -> {
        return invisibleOutsideFormat(cp);
      }
    }
  }

  /**
   * Characters that render as nothing (or as blank) although Unicode does not class them as format
   * characters: Hangul fillers, the combining grapheme joiner, variation selectors, Mongolian free
   * variation selectors, the braille blank and noncharacters.
   */
  private static boolean invisibleOutsideFormat(int cp) {
    return cp == 0x034F
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x17B4
        || cp == 0x17B5
        || (cp >= 0x180B && cp <= 0x180F)
        || cp == 0x2800
        || cp == 0x3164
        || cp == 0xFFA0
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || (cp >= 0xFDD0 && cp <= 0xFDEF)
        || (cp & 0xFFFE) == 0xFFFE;
  }
}
