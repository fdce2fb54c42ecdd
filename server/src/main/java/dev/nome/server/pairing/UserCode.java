package dev.nome.server.pairing;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The code a person types to approve a pairing: 8 characters from 20 consonants that cannot be
 * mistaken for each other or for digits (RFC 8628 section 6.1), shown as {@code XXXX-XXXX}. 20^8 is
 * about 2.6 * 10^10 codes; with 10-minute expiry and the lock-out after repeated wrong codes,
 * guessing a live one is impractical.
 */
public final class UserCode {

  public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
  public static final int LENGTH = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  private UserCode() {}

  /** A fresh code in its canonical form (8 letters, no dash). */
  public static String generate() {
    StringBuilder b = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** {@code ABCD-EFGH} for display. */
  public static String display(String canonical) {
    return canonical.substring(0, 4) + "-" + canonical.substring(4);
  }

  /**
   * The canonical form of what a person typed: case, spaces and dashes are forgiven; any other
   * character, or the wrong length, makes it no code at all.
   */
  public static Optional<String> normalize(String typed) {
    if (typed == null || typed.length() > 32) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder(LENGTH);
    for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      if (c == '-' || c == ' ') {
        continue;
      }
      if (ALPHABET.indexOf(c) < 0) {
        return Optional.empty();
      }
      b.append(c);
    }
    return b.length() == LENGTH ? Optional.of(b.toString()) : Optional.empty();
  }
}
