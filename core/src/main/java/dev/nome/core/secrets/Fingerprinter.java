package dev.nome.core.secrets;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fingerprint in a redaction marker: the first 8 hex digits of HMAC-SHA256 of the secret under
 * the installation's key. The same secret gives the same fingerprint on one installation, so a
 * reviewer can tell two receipts held the same secret; without the key it reveals nothing.
 */
final class Fingerprinter {

  static final int MIN_KEY_BYTES = 16;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SecretKeySpec key;

  Fingerprinter(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the fingerprint key must have at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** A fresh MAC for one stream; MACs are not thread-safe. */
  Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static String fingerprint(Mac mac, String secret) {
    byte[] h = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[8];
    for (int i = 0; i < 4; i++) {
      out[2 * i] = HEX[(h[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[h[i] & 0xF];
    }
    return new String(out);
  }
}
