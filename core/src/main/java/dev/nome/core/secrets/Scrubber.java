package dev.nome.core.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;

/**
 * Removes secrets from text before anything is recorded, sent or shown (P5). Every secret becomes
 * {@code [REDACTED:<kind>:<fingerprint>]}; the output has exactly the lines of the input.
 * Implementations are immutable and safe to share between threads; the writers and streams they
 * hand out are not (one per stream).
 */
public interface Scrubber {

  /** Scrubs a short text: a command input, an error message, a receipt field. */
  ScrubbedText scrub(String text);

  /** A writer that scrubs everything written to it on its way to {@code out}. */
  ScrubbingWriter wrap(Writer out);

  /** An output stream that scrubs everything written to it on its way to {@code out}. */
  ScrubbingOutputStream wrap(OutputStream out);

  /**
   * Copies {@code in} to {@code out}, scrubbed. Neither is closed; {@code out} is flushed.
   *
   * @return the number of chars read
   */
  default long scrub(Reader in, Writer out) throws IOException {
    ScrubbingWriter w = wrap(out);
    char[] b = new char[1 << 16];
    long total = 0;
    for (int n; (n = in.read(b)) >= 0; ) {
      w.write(b, 0, n);
      total += n;
    }
    w.finish();
    return total;
  }

  /**
   * Copies {@code in} to {@code out}, scrubbed, byte for byte outside the secrets. Neither is
   * closed; {@code out} is flushed.
   *
   * @return the number of bytes read
   */
  default long scrub(InputStream in, OutputStream out) throws IOException {
    ScrubbingOutputStream s = wrap(out);
    byte[] b = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(b)) >= 0; ) {
      s.write(b, 0, n);
      total += n;
    }
    s.finish();
    return total;
  }
}
