package dev.nome.server.runs;

import java.security.SecureRandom;

/** Fake secrets of real shapes, made fresh per test so that no allowlist can know them. */
final class Secrets {
  private Secrets() {}

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** An Anthropic API key shape: {@code sk-ant-api03-} and 93 characters then {@code AA}. */
  static String anthropicKey() {
    StringBuilder s = new StringBuilder("sk-ant-api03-");
    for (int i = 0; i < 93; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.append("AA").toString();
  }
}
