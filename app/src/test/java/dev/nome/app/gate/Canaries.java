package dev.nome.app.gate;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Canary secrets made fresh for each test, of kinds the scrubber knows: each with the text it is
 * planted as and the parts that must never be found anywhere NOME records.
 */
final class Canaries {

  /** One canary: {@code text} is what is planted, {@code needles} what must never show up. */
  record Canary(String kind, String text, List<String> needles) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Canaries() {}

  static String alnum(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return b.toString();
  }

  /** A classic GitHub token whose CRC32 checksum holds. */
  static Canary github() {
    String body = alnum(30);
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    long v = crc.getValue();
    char[] sum = new char[6];
    for (int i = 5; i >= 0; i--) {
      sum[i] = BASE62.charAt((int) (v % 62));
      v /= 62;
    }
    String token = "ghp_" + body + new String(sum);
    return new Canary("github-pat", token, List.of(token));
  }

  /** An AWS secret access key; planted as an assignment (the form the scrubber recognises). */
  static Canary awsSecret() {
    String secret = alnum(40);
    return new Canary("aws-secret-access-key", secret, List.of(secret));
  }

  static Canary anthropic() {
    String key = "sk-ant-api03-" + alnum(90);
    return new Canary("anthropic-api-key", key, List.of(key));
  }

  /** A URL with a password in it; the password is the needle. */
  static Canary urlPassword() {
    String password = alnum(20);
    return new Canary(
        "url-password",
        "https://deploy:" + password + "@git.internal.test/app.git",
        List.of(password));
  }

  /** A PEM private key block; every line of its body is a needle. */
  static Canary pemKey() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(alnum(64));
    }
    String block =
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + String.join("\n", lines)
            + "\n-----END RSA PRIVATE KEY-----\n";
    return new Canary("pem-private-key", block, List.copyOf(lines));
  }

  /** The needles of {@code canaries} found in {@code text}, with where. */
  static List<String> found(String where, String text, List<Canary> canaries) {
    List<String> out = new ArrayList<>();
    for (Canary c : canaries) {
      for (String n : c.needles()) {
        if (text.contains(n)) {
          out.add(c.kind() + " in " + where);
        }
      }
    }
    return out;
  }
}
