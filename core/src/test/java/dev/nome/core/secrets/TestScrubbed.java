package dev.nome.core.secrets;

/** Tests only: makes {@link ScrubbedText} from text the test knows holds no secret. */
public final class TestScrubbed {

  private TestScrubbed() {}

  public static ScrubbedText of(String text) {
    return ScrubbedText.ofScrubbed(text);
  }

  /** A stand-in scrubber for tests: replaces every occurrence of {@code secret} by a marker. */
  public static java.util.function.Function<String, ScrubbedText> replacing(String secret) {
    return text -> ScrubbedText.ofScrubbed(text.replace(secret, "[REDACTED]"));
  }

  /** A stand-in scrubber that changes nothing (for text the test controls). */
  public static java.util.function.Function<String, ScrubbedText> identity() {
    return ScrubbedText::ofScrubbed;
  }
}
