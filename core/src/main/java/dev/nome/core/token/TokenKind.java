package dev.nome.core.token;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The kinds of bearer token NOME issues, each with its own prefix so that one can never be taken
 * for another.
 *
 * <p>Format: {@code prefix} + 27 base62 digits of 20 random bytes (160 bits, zero-padded) + 6
 * base62 digits of the CRC32 of everything before them (prefix and random part, as ASCII). A device
 * token is therefore 41 characters: {@code nome_dt_} + 27 + 6. Base62 digits run {@code 0-9 A-Z
 * a-z}.
 */
public enum TokenKind {
  /** Authorizes one paired host's runner. */
  DEVICE("nome_dt_"),
  /** Authorizes one person's command line ({@code nome login}). */
  USER("nome_ut_");

  public static final int RANDOM_BYTES = 20;
  public static final int RANDOM_DIGITS = 27;
  public static final int CHECKSUM_DIGITS = 6;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String prefix;

  TokenKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The length of every token of this kind. */
  public int length() {
    return prefix.length() + RANDOM_DIGITS + CHECKSUM_DIGITS;
  }

  /** A fresh token from 160 bits of a secure random source. */
  public String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    String body = prefix + Base62.encode(bytes, RANDOM_DIGITS);
    return body + checksum(body);
  }

  /**
   * The token if {@code candidate} is well formed for this kind and its checksum matches; empty
   * otherwise. Needs no database: callers reject malformed tokens before any lookup.
   */
  public Optional<String> parse(String candidate) {
    if (candidate == null || candidate.length() != length() || !candidate.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = candidate.substring(prefix.length());
    if (!Base62.isBase62(rest)) {
      return Optional.empty();
    }
    String body = candidate.substring(0, length() - CHECKSUM_DIGITS);
    String sum = candidate.substring(length() - CHECKSUM_DIGITS);
    if (!checksum(body).equals(sum)) {
      return Optional.empty();
    }
    return Optional.of(candidate);
  }

  static String checksum(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return Base62.encode(crc.getValue(), CHECKSUM_DIGITS);
  }
}
