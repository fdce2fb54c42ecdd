package dev.nome.core.receipt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest, written as 64 lower-case hex digits. Immutable. */
public final class Digest {

  public static final int LENGTH = 32;

  /** The "previous digest" of the first receipt of a run: 32 zero bytes. */
  public static final Digest ZERO = new Digest(new byte[LENGTH]);

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Digest(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 32 bytes (copied). */
  public static Digest of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + bytes.length);
    }
    return new Digest(bytes.clone());
  }

  /** Parses 64 lower-case hex digits. */
  public static Digest parse(String hex) {
    if (hex == null || hex.length() != LENGTH * 2) {
      throw new IllegalArgumentException("a digest is 64 hex digits");
    }
    byte[] bytes = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int hi = nibble(hex.charAt(2 * i));
      int lo = nibble(hex.charAt(2 * i + 1));
      if ((hi | lo) < 0) {
        throw new IllegalArgumentException("a digest is 64 lower-case hex digits");
      }
      bytes[i] = (byte) ((hi << 4) | lo);
    }
    return new Digest(bytes);
  }

  private static final byte[] NIBBLES = new byte[128];

  static {
    java.util.Arrays.fill(NIBBLES, (byte) -1);
    for (int i = 0; i < 10; i++) {
      NIBBLES['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      NIBBLES['a' + i] = (byte) (10 + i);
    }
  }

  private static int nibble(char c) {
    return c < 128 ? NIBBLES[c] : -1;
  }

  /** SHA-256 of {@code data}. */
  public static Digest sha256(byte[] data) {
    return new Digest(newSha256().digest(data));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Wraps a digest the caller just computed and will not change (no copy). */
  static Digest owning(byte[] bytes) {
    return new Digest(bytes);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for hashing; callers must not change them. */
  byte[] bytesUnsafe() {
    return bytes;
  }

  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
