package dev.nome.core.receipt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret HMAC-SHA256 key (32 bytes or more) that turns values into {@link Fingerprint}s: kept
 * matchable, never readable.
 */
public final class KeyedHmac {

  private final String keyId;
  private final SecretKeySpec key;

  public KeyedHmac(String keyId, byte[] secret) {
    this.keyId = Ids.check("fingerprint key id", keyId);
    if (secret.length < 32) {
      throw new IllegalArgumentException("a fingerprint key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** A fresh random key. */
  public static KeyedHmac generate(String keyId) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new KeyedHmac(keyId, secret);
  }

  public String keyId() {
    return keyId;
  }

  /** The fingerprint of {@code value} (its UTF-8 bytes). */
  public Fingerprint of(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return new Fingerprint(keyId, mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
