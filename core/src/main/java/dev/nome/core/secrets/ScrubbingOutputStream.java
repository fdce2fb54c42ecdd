package dev.nome.core.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that scrubs the bytes written to it and passes every other byte on unchanged.
 * Bytes are read as ISO-8859-1, so the scrubber never has to decode (or fail to decode) UTF-8. Not
 * thread-safe: one per stream.
 */
public final class ScrubbingOutputStream extends OutputStream {

  private final ScrubbingWriter writer;
  private final char[] chars = new char[8192];
  // The JDK's ISO-8859-1 decoder widens bytes with vector instructions: an order of magnitude
  // faster than a loop over the bytes, which showed in profiles of streamed logs.
  private final CharsetDecoder latin1 = StandardCharsets.ISO_8859_1.newDecoder();

  ScrubbingOutputStream(RuleBook book, Fingerprinter fingerprinter, OutputStream out) {
    this.writer = new ScrubbingWriter(book, fingerprinter, new Latin1Writer(out));
  }

  @Override
  public void write(int b) throws IOException {
    chars[0] = (char) (b & 0xFF);
    writer.write(chars, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int n) throws IOException {
    while (n > 0) {
      int k = Math.min(n, chars.length);
      latin1.reset();
      ByteBuffer in = ByteBuffer.wrap(b, off, k);
      CoderResult r = latin1.decode(in, CharBuffer.wrap(chars, 0, k), true);
      if (!r.isUnderflow() || in.hasRemaining()) {
        throw new IllegalStateException("every byte is one ISO-8859-1 char: " + r);
      }
      writer.write(chars, 0, k);
      off += k;
      n -= k;
    }
  }

  /** Passes on every complete line. */
  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  /** Scrubs and passes on the last line without closing the stream underneath. */
  public void finish() throws IOException {
    writer.finish();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
