package dev.nome.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum some tokens end with: the CRC32 of their text, as six base62 digits, most
 * significant first (GitHub's tokens over their random part, NOME's device tokens over prefix and
 * body). The scrubber checks it so that look-alikes are left alone; tests and {@code nome demo}
 * make well-formed fakes with it.
 */
public final class Checksums {

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Checksums() {}

  /** The six base62 digits of the CRC32 of {@code text} (US-ASCII). */
  public static String base62Crc32(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.US_ASCII));
    char[] out = new char[6];
    long v = crc.getValue();
    for (int i = 5; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (v % 62));
      v /= 62;
    }
    return new String(out);
  }
}
