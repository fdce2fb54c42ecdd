package dev.nome.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Crafted input must not slow the scrubber down: 10 MB of each adversarial shape takes time within
 * a fixed factor of 10 MB of ordinary log, measured in the same test (the machine may be busy).
 * Ordinary log mostly never reaches a regular expression; the densest shapes make RE2/J match
 * nearly every character, which costs a few tens of times more, but never more than linear.
 */
class AdversarialInputTest {

  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);
  static final int SIZE = 10 * 1024 * 1024;
  static final double FACTOR = 150;

  static final class Discard extends Writer {
    long n;

    @Override
    public void write(char[] c, int off, int len) {
      n += len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  static String repeatTo(String unit, int size) {
    StringBuilder sb = new StringBuilder(size + unit.length());
    while (sb.length() < size) {
      sb.append(unit);
    }
    sb.setLength(size);
    return sb.toString();
  }

  static String ordinaryLog(int size) {
    Random rnd = new Random(1);
    StringBuilder sb = new StringBuilder(size + 200);
    String[] lines = {
      "2026-05-01 12:00:%02d,123 INFO [main] o.s.b.w.e.tomcat.TomcatWebServer: Tomcat started on port 8080",
      "[INFO] Compiling %d source files with javac [debug release 21] to target/classes",
      "172.18.0.4 - - [01/May/2026:12:00:%02d +0000] \"GET /api/v1/items?page=2 HTTP/1.1\" 200 5123",
      "\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:%d)",
      "level=info msg=\"request completed\" method=GET path=/health status=200 latency=%dms",
      "Tests run: %d, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.412 s",
    };
    while (sb.length() < size) {
      sb.append(String.format(lines[rnd.nextInt(lines.length)], rnd.nextInt(60))).append('\n');
    }
    sb.setLength(size);
    return sb.toString();
  }

  static Map<String, String> adversarial() {
    Random rnd = new Random(2);
    Map<String, String> m = new LinkedHashMap<>();
    StringBuilder b64 = new StringBuilder();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < SIZE; i++) {
      b64.append(alphabet.charAt(rnd.nextInt(64)));
    }
    m.put("one 10 MB line of base64", b64.toString());
    m.put("key-like runs", repeatTo("A".repeat(5000) + "\n", SIZE));
    m.put("repeated ghp_", repeatTo("ghp_", SIZE));
    m.put("repeated sk-ant-api03-", repeatTo("sk-ant-api03-", SIZE));
    m.put("repeated password=", repeatTo("password=", SIZE));
    m.put("repeated BEGIN lines", repeatTo("-----BEGIN RSA PRIVATE KEY-----\n", SIZE));
    m.put("repeated markers", repeatTo("[REDACTED:", SIZE));
    StringBuilder key = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
    while (key.length() < SIZE) {
      for (int i = 0; i < 5000 && key.length() < SIZE; i++) {
        key.append(b64, (i * 64) % (SIZE - 64), (i * 64) % (SIZE - 64) + 64).append('\n');
      }
      key.append("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    }
    m.put("5,000-line unterminated keys", key.toString());
    return m;
  }

  static long timeNanos(String text, int rounds) throws IOException {
    long best = Long.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      Discard d = new Discard();
      long t0 = System.nanoTime();
      try (ScrubbingWriter w = SCRUBBER.wrap(d)) {
        for (int i = 0; i < text.length(); i += 65536) {
          w.write(text, i, Math.min(65536, text.length() - i));
        }
      }
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }

  @Test
  void adversarialInputTakesTimeLinearInItsSize() throws IOException {
    String ordinary = ordinaryLog(SIZE);
    timeNanos(ordinary, 1); // warm up
    long base = timeNanos(ordinary, 3);
    System.out.printf("adversarial: ordinary log 10 MB in %d ms%n", base / 1_000_000);
    for (Map.Entry<String, String> e : adversarial().entrySet()) {
      long t = timeNanos(e.getValue(), 2);
      // A floor of 50 ms keeps a very fast baseline from making the factor meaningless.
      double ratio = (double) t / Math.max(base, 50_000_000L);
      System.out.printf(
          "adversarial: %-32s %5d ms (%.1fx ordinary)%n",
          e.getKey(), t / 1_000_000, (double) t / base);
      assertThat(ratio).as(e.getKey()).isLessThan(FACTOR);
    }
  }
}
