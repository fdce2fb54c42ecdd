package dev.nome.app.approvals;

import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.SecretScrubber;
import java.security.SecureRandom;

/** Scrubbed text for tests, from the real scrubber. */
final class Scrubbed {
  private static final SecretScrubber SCRUBBER;

  static {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SCRUBBER = SecretScrubber.create(key);
  }

  private Scrubbed() {}

  static ScrubbedText of(String text) {
    return SCRUBBER.scrub(text);
  }
}
