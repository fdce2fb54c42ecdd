package dev.nome.core.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;

/**
 * The standard scrubber: NOME's rules ({@code rules.txt}), its allow list ({@code allow.txt}),
 * private key blocks, and fingerprints under the installation's key. Build one per installation
 * with {@link #create(byte[])} and share it; creating writers from it is cheap.
 */
public final class SecretScrubber implements Scrubber {

  private final RuleBook book;
  private final Fingerprinter fingerprinter;

  private SecretScrubber(RuleBook book, Fingerprinter fingerprinter) {
    this.book = book;
    this.fingerprinter = fingerprinter;
  }

  /**
   * @param fingerprintKey the installation's HMAC key (at least 16 bytes; see {@link
   *     FingerprintKey})
   */
  public static SecretScrubber create(byte[] fingerprintKey) {
    return new SecretScrubber(RuleBook.standard(), new Fingerprinter(fingerprintKey));
  }

  @Override
  public ScrubbedText scrub(String text) {
    StringWriter out = new StringWriter(text.length() + 16);
    try (ScrubbingWriter w = wrap(out)) {
      w.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return ScrubbedText.ofScrubbed(out.toString());
  }

  @Override
  public ScrubbingWriter wrap(Writer out) {
    return new ScrubbingWriter(book, fingerprinter, out);
  }

  @Override
  public ScrubbingOutputStream wrap(OutputStream out) {
    return new ScrubbingOutputStream(book, fingerprinter, out);
  }

  /** Every kind of secret the scrubber can report. */
  public Set<String> kinds() {
    return book.kinds();
  }
}
