package dev.nome.core.secrets;

import java.util.Objects;

/**
 * Text that has passed the secret scrubber. Only this package can create one, so any API that takes
 * a {@code ScrubbedText} (receipts, logs, approval requests, error messages sent out) cannot be
 * handed raw text by mistake (P5).
 */
public final class ScrubbedText {

  private static final ScrubbedText EMPTY = new ScrubbedText("");

  private final String value;

  private ScrubbedText(String value) {
    this.value = value;
  }

  /** Made by the scrubber alone, from its own output. */
  static ScrubbedText ofScrubbed(String alreadyScrubbed) {
    return alreadyScrubbed.isEmpty() ? EMPTY : new ScrubbedText(alreadyScrubbed);
  }

  public static ScrubbedText empty() {
    return EMPTY;
  }

  public String value() {
    return value;
  }

  public int length() {
    return value.length();
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScrubbedText other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
