package dev.nome.core.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Writes chars 0-255 as single bytes. Paired with reading bytes as ISO-8859-1, it lets the scrubber
 * work on raw bytes: every byte comes back exactly as it went in, whatever the encoding and even
 * for invalid UTF-8, and secrets (all ASCII) are found as usual.
 */
final class Latin1Writer extends Writer {

  private final OutputStream out;
  private final byte[] bytes = new byte[8192];

  Latin1Writer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(char[] c, int off, int n) throws IOException {
    while (n > 0) {
      int k = Math.min(n, bytes.length);
      for (int i = 0; i < k; i++) {
        bytes[i] = (byte) c[off + i];
      }
      out.write(bytes, 0, k);
      off += k;
      n -= k;
    }
  }

  @Override
  public void write(String s, int off, int n) throws IOException {
    while (n > 0) {
      int k = Math.min(n, bytes.length);
      for (int i = 0; i < k; i++) {
        bytes[i] = (byte) s.charAt(off + i);
      }
      out.write(bytes, 0, k);
      off += k;
      n -= k;
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
