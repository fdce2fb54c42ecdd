package dev.nome.core.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Writes chars 0-255 as single bytes. Paired with reading bytes as ISO-8859-1, it lets the scrubber
 * work on raw bytes: every byte comes back exactly as it went in, whatever the encoding and even
 * for invalid UTF-8, and secrets (all ASCII) are found as usual.
 */
final class Latin1Writer extends Writer {

  private final OutputStream out;
  private final byte[] bytes = new byte[8192];
  // The JDK's ISO-8859-1 encoder narrows chars with vector instructions: an order of magnitude
  // faster than a loop over the chars, which showed in profiles of streamed logs.
  private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
  private final ByteBuffer buffer = ByteBuffer.wrap(bytes);

  Latin1Writer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(char[] c, int off, int n) throws IOException {
    CharBuffer in = CharBuffer.wrap(c, off, n);
    latin1.reset();
    while (in.hasRemaining()) {
      CoderResult r = latin1.encode(in, buffer, true);
      if (r.isError()) {
        // A char past 255 (never one read from bytes): its low byte, like the loop below.
        if (!buffer.hasRemaining()) {
          drain();
        }
        buffer.put((byte) in.get());
      } else if (r.isOverflow()) {
        drain();
      }
    }
    drain();
  }

  private void drain() throws IOException {
    if (buffer.position() > 0) {
      out.write(bytes, 0, buffer.position());
      buffer.clear();
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
