package dev.nome.app;

import dev.nome.core.secrets.Checksums;
import dev.nome.core.secrets.SecretScrubber;
import java.security.SecureRandom;

/**
 * The secrets {@code nome demo} needs, made fresh at each run so that none is ever written in the
 * repository: the demo key the scripted model server expects, and a token planted in the demo
 * workspace for the scrubber to catch.
 *
 * <p>The planted token is shaped like a GitHub personal access token ({@code ghp_} and 36 base62
 * characters whose last six are the CRC32 of the first thirty, as GitHub's are), so the scrubber
 * treats it as a real one; its random part starts with {@code NOMEDEMO} so that a person who sees
 * it anyway knows it is the demo's.
 */
record DemoSecrets(String modelKey, String plantedToken) {

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String MARK = "NOMEDEMO";

  /**
   * New secrets; the planted token is one {@code scrubber} redacts (a random draw that an allow
   * rule would spare, however unlikely, is drawn again).
   */
  static DemoSecrets generate(SecureRandom random, SecretScrubber scrubber) {
    for (int attempt = 0; attempt < 16; attempt++) {
      String token = githubShaped(random);
      String line = "GITHUB_TOKEN=" + token;
      if (!scrubber.scrub(line).value().contains(token)) {
        return new DemoSecrets("nome-demo-" + base62(random, 40), token);
      }
    }
    throw new IllegalStateException("the scrubber does not catch the demo's planted token");
  }

  static String githubShaped(SecureRandom random) {
    String body = MARK + base62(random, 30 - MARK.length());
    return "ghp_" + body + Checksums.base62Crc32(body);
  }

  private static String base62(SecureRandom random, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(BASE62.charAt(random.nextInt(BASE62.length())));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    // Never print the secrets, not even by accident.
    return "DemoSecrets[hidden]";
  }
}
