package dev.nome.core.receipt;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A value kept only as a keyed HMAC-SHA256: two equal values under the same key give the same
 * fingerprint, so records stay matchable ("was this the same command?"), yet without the key the
 * value cannot be read back or guessed by hashing candidates. Made by {@link KeyedHmac}.
 *
 * @param keyId which key made it (keys rotate; fingerprints of different keys never match)
 * @param mac the 32-byte HMAC
 */
public record Fingerprint(String keyId, byte[] mac) {

  private static final HexFormat HEX = HexFormat.of();

  public Fingerprint {
    Ids.check("fingerprint key id", keyId);
    Objects.requireNonNull(mac, "mac");
    if (mac.length != 32) {
      throw new IllegalArgumentException("a fingerprint is a 32-byte HMAC-SHA256");
    }
    mac = mac.clone();
  }

  @Override
  public byte[] mac() {
    return mac.clone();
  }

  /** {@code keyId:hex}, the form used in JSON. */
  public String text() {
    return keyId + ":" + HEX.formatHex(mac);
  }

  /** Parses {@link #text()}. */
  public static Fingerprint parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || text.length() - colon - 1 != 64) {
      throw new IllegalArgumentException("a fingerprint is keyId:64 hex digits");
    }
    return new Fingerprint(
        text.substring(0, colon), Digest.parse(text.substring(colon + 1)).toBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && keyId.equals(f.keyId) && MessageDigest.isEqual(mac, f.mac);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(mac);
  }

  @Override
  public String toString() {
    return text();
  }
}
