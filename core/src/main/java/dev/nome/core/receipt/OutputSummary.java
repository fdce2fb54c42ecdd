package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a tool printed, kept small: the start of the scrubbed output, plus the size and digest of
 * the whole scrubbed output so that a stored copy can be matched to this receipt.
 *
 * @param head the first characters of the scrubbed output, at most {@link #MAX_HEAD}
 * @param fullBytes the size of the whole scrubbed output in UTF-8 bytes
 * @param fullDigest SHA-256 of the whole scrubbed output's UTF-8 bytes
 */
public record OutputSummary(ScrubbedText head, long fullBytes, Digest fullDigest) {

  public static final int MAX_HEAD = 2_000;

  public OutputSummary {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(fullDigest, "fullDigest");
    Bounds.check("output summary", head, MAX_HEAD);
    if (fullBytes < 0 || fullBytes > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("output size out of range");
    }
  }

  /**
   * Summarises a whole scrubbed output, keeping at most {@code maxHead} characters of it. The cut
   * prefix passes the scrubber again (a cut can only shorten a redaction, but scrubbed text is made
   * by the scrubber alone); should that make it longer than allowed, the head is left empty.
   */
  public static OutputSummary of(
      ScrubbedText full, int maxHead, Function<String, ScrubbedText> scrubber) {
    if (maxHead < 0 || maxHead > MAX_HEAD) {
      throw new IllegalArgumentException("maxHead must be between 0 and " + MAX_HEAD);
    }
    String value = full.value();
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ScrubbedText head;
    if (value.length() <= maxHead) {
      head = full;
    } else {
      int cut = maxHead;
      if (cut > 0 && Character.isHighSurrogate(value.charAt(cut - 1))) {
        cut--;
      }
      head = scrubber.apply(value.substring(0, cut));
      if (head.length() > maxHead) {
        head = ScrubbedText.empty();
      }
    }
    return new OutputSummary(head, bytes.length, Digest.sha256(bytes));
  }

  /** Whether {@link #head} is all of the output. */
  public boolean complete() {
    return head.value().getBytes(StandardCharsets.UTF_8).length == fullBytes;
  }
}
