package dev.nome.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How bearer secrets are kept: only their SHA-256 (hex) goes to the database. The secrets carry at
 * least 160 random bits, so a fast hash is enough (no password stretching needed) and a lookup by
 * hash stays an index hit.
 */
public final class TokenHash {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenHash() {}

  public static String of(String secret) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A random URL-safe secret of {@code bytes} random bytes (cookies, one-time links). */
  public static String randomUrlSafe(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Compares two secrets in time independent of where they differ. */
  public static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
