package dev.nome.core.token;

import java.math.BigInteger;

/**
 * Fixed-width base62 of unsigned big-endian numbers, digits in the order {@code 0-9 A-Z a-z},
 * padded on the left with {@code 0}.
 */
public final class Base62 {

  public static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static final BigInteger BASE = BigInteger.valueOf(62);

  private Base62() {}

  /** Encodes {@code bytes} as an unsigned number in exactly {@code width} digits. */
  public static String encode(byte[] bytes, int width) {
    return encode(new BigInteger(1, bytes), width);
  }

  /** Encodes a non-negative number in exactly {@code width} digits. */
  public static String encode(long value, int width) {
    return encode(BigInteger.valueOf(value), width);
  }

  private static String encode(BigInteger value, int width) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative");
    }
    char[] out = new char[width];
    BigInteger v = value;
    for (int i = width - 1; i >= 0; i--) {
      BigInteger[] qr = v.divideAndRemainder(BASE);
      out[i] = ALPHABET.charAt(qr[1].intValue());
      v = qr[0];
    }
    if (v.signum() != 0) {
      throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
    }
    return new String(out);
  }

  /** True when every character of {@code s} is a base62 digit. */
  public static boolean isBase62(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
