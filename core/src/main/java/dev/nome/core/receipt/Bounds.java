package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;

/** Upper bounds on text fields, so that one receipt stays small and cheap to verify. */
final class Bounds {

  static final int SHORT = 256;
  static final int REASON = 2_000;
  static final int INPUT = 8_000;
  static final int SUMMARY = OutputSummary.MAX_HEAD;

  private Bounds() {}

  static void check(String field, ScrubbedText text, int max) {
    if (text.length() > max) {
      throw new IllegalArgumentException(
          field + " is " + text.length() + " characters, more than the " + max + " allowed");
    }
  }
}
