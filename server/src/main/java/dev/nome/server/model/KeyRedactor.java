package dev.nome.server.model;

import dev.nome.core.secrets.ScrubbedText;
import java.util.function.Function;

/**
 * Makes provider text safe to pass on: cut short, control characters dropped, every stretch of 8 or
 * more characters of the key (whole or masked, as some providers echo it) replaced, then the secret
 * scrubber over the rest.
 */
final class KeyRedactor {

  static final int MAX_SUMMARY = 300;
  private static final int WINDOW = 8;

  private final String key;
  private final Function<String, ScrubbedText> scrubber;

  KeyRedactor(String key, Function<String, ScrubbedText> scrubber) {
    this.key = key;
    this.scrubber = scrubber;
  }

  String summary(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String s = raw.length() > MAX_SUMMARY * 2 ? raw.substring(0, MAX_SUMMARY * 2) : raw;
    s = s.replace(key, "[key]");
    s = withoutKeyParts(s);
    StringBuilder clean = new StringBuilder();
    s.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    String out = scrubber.apply(clean.toString().strip()).value();
    return out.length() > MAX_SUMMARY ? out.substring(0, MAX_SUMMARY) + "…" : out;
  }

  /** Replaces every whitespace-separated word that holds 8 characters in a row of the key. */
  private String withoutKeyParts(String s) {
    if (key.length() < WINDOW) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (String word : s.split("(?<=\\s)|(?=\\s)")) {
      out.append(holdsKeyPart(word) ? "[key]" : word);
    }
    return out.toString();
  }

  private boolean holdsKeyPart(String word) {
    if (word.length() < WINDOW) {
      return false;
    }
    for (int i = 0; i + WINDOW <= key.length(); i++) {
      if (word.contains(key.substring(i, i + WINDOW))) {
        return true;
      }
    }
    return false;
  }
}
