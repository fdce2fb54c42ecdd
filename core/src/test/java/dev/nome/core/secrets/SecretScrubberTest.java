package dev.nome.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);
  final CorpusGenerator gen = new CorpusGenerator(42);

  String scrub(String s) {
    return SCRUBBER.scrub(s).value();
  }

  String githubToken() {
    return gen.github("ghp_").replace("|", "");
  }

  @Test
  void aSecretBecomesAMarkerWithKindAndFingerprintAndKeepsItsPublicPrefix() {
    String token = githubToken();
    String out = scrub("GITHUB_TOKEN=" + token);
    assertThat(out).matches("GITHUB_TOKEN=ghp_\\[REDACTED:github-pat:[0-9a-f]{8}\\]");
  }

  @Test
  void theSameSecretGivesTheSameFingerprintAndAnotherKeyAnother() {
    String token = githubToken();
    String a = scrub("a " + token);
    String b = scrub("b " + token).substring(1);
    assertThat(a.substring(1)).isEqualTo(b);
    String other =
        SecretScrubber.create(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
            .scrub("a " + token)
            .value();
    assertThat(other).isNotEqualTo(a);
    assertThat(scrub("a " + githubToken())).isNotEqualTo(a);
  }

  @Test
  void aKeyNameSpelledWithLettersThatFoldOntoAsciiIsStillScrubbed() {
    // The rules match case-insensitively, and the long s and the Kelvin sign fold onto s and k:
    // such a key name must reach its rule, not slip past the keyword scan.
    String value = "Zx8pQ2mN7vL4kR9tY3wB6cJ1";
    for (String name :
        new String[] {"\u017fecret", "\u017fECRET", "api_\u212aey", "pa\u017f\u017fword"}) {
      String out = scrub(name + "=" + value);
      assertThat(out).as(name).doesNotContain(value).contains("[REDACTED:");
    }
    assertThat(scrub("\u017fecret=" + value + " and an ordinary line")).startsWith("\u017fecret=");
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> SecretScrubber.create(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void githubChecksumsAreVerified() {
    String token = githubToken();
    assertThat(Check.githubChecksumHolds(token)).isTrue();
    String broken = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertThat(Check.githubChecksumHolds(broken)).isFalse();
    // A mistyped token that still looks random is redacted anyway (fail closed).
    assertThat(scrub(broken)).contains("[REDACTED:github-pat:");
  }

  @Test
  void deviceTokensAreRedactedWhetherOrNotTheirChecksumHolds() {
    String token = gen.deviceToken().replace("|", "");
    assertThat(token).matches("nome_dt_[0-9A-Za-z]{33}");
    assertThat(Check.deviceTokenChecksumHolds(token)).isTrue();
    String broken =
        token.substring(0, 20) + (token.charAt(20) == 'x' ? 'y' : 'x') + token.substring(21);
    assertThat(Check.deviceTokenChecksumHolds(broken)).isFalse();
    assertThat(scrub("token " + token))
        .matches("token nome_dt_\\[REDACTED:nome-device-token:[0-9a-f]{8}\\]");
    assertThat(scrub("token " + broken)).contains("[REDACTED:nome-device-token:");
  }

  @Test
  void whatMustStayUntouchedStays() {
    String[] keep = {
      "commit 3f786850e387550fdab836ed7e6dc881de23001b",
      "digest: sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
      "request_id=6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f",
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
      "password: ${DB_PASSWORD}",
      "api_key: <your-api-key>",
      "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "customer cus_NffrFeUfNV2Hib, key pk_live_51HqLyjWDarjtT1zdp7dcXYZabc",
      "{\"id\": \"msg_01XFDUDYJgAACzvnptvVoYEL\"} toolu_01A09q90qw90lq917835lq9",
      "chatcmpl-8abcXYZ0123456789abcdefghijk",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3Jh9vQ2x8Zb7Yw6c5d4e3f2g1h0i9j8k7l6m5n4o3 dev@host",
    };
    for (String s : keep) {
      assertThat(scrub(s)).isEqualTo(s);
    }
  }

  @Test
  void linesAndLineEndingsArePreserved() {
    String token = githubToken();
    String in = "a\r\nb " + token + "\r\n\r\nlast";
    String out = scrub(in);
    assertThat(out).startsWith("a\r\nb ghp_[REDACTED:").endsWith("]\r\n\r\nlast");
    assertThat(scrub("")).isEmpty();
    assertThat(scrub("\n\n")).isEqualTo("\n\n");
  }

  @Test
  void ourOwnMarkersAreLeftAlone() {
    String once = scrub("token=" + gen.b62(40) + " and " + githubToken());
    assertThat(scrub(once)).isEqualTo(once);
    assertThat(once).doesNotContain("REDACTED:generic-secret:[REDACTED");
  }

  @Test
  void gluedTokensAndLongRunsAreScrubbedWholeAndOnce() {
    String t =
        "sk-ant-api03-uLFnf8d0cbswRWw1Od6u4UOU4BcUZq_q4MSqPDlfgfEjCVr1ceWuTeIHWlsoMuCUMKO_CVr9l51"
            + "xnzpTRxsd_weHFw20jAA";
    String in = t + t + t + "password=" + t + "https://user:password=password=";
    String once = scrub(in);
    assertThat(scrub(once)).isEqualTo(once);
    assertThat(CorpusTest.removed(t.substring(7), once)).isTrue();
    String glued =
        "sk-or-v1-" + "0123456789abcdef".repeat(4) + "zvN2Q~jfdmwHgCHikiOAfBNDcbWpR5fFczs6mPvH";
    String g = scrub(glued);
    assertThat(scrub(g)).isEqualTo(g);
  }

  @Test
  void bytesOutsideSecretsPassExactlyEvenInvalidUtf8() throws IOException {
    String token = githubToken();
    byte[] head = {(byte) 0xff, (byte) 0xfe, 'x', ' ', (byte) 0xc3, (byte) 0xa9, ' '};
    byte[] tail = {'\n', (byte) 0x80, 'z'};
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(head);
    in.write(token.getBytes(StandardCharsets.US_ASCII));
    in.write(tail);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SCRUBBER.scrub(new ByteArrayInputStream(in.toByteArray()), out);
    byte[] o = out.toByteArray();
    String asLatin1 = new String(o, StandardCharsets.ISO_8859_1);
    assertThat(asLatin1)
        .startsWith(new String(head, StandardCharsets.ISO_8859_1) + "ghp_[REDACTED:");
    assertThat(asLatin1).endsWith("]" + new String(tail, StandardCharsets.ISO_8859_1));
  }

  @Test
  void anUnfinishedLineIsHeldBackUntilItEndsSoASplitSecretIsStillCaught() throws IOException {
    String token = githubToken();
    java.io.StringWriter sink = new java.io.StringWriter();
    ScrubbingWriter w = SCRUBBER.wrap(sink);
    w.write("first line\nsecond " + token.substring(0, 12));
    w.flush();
    assertThat(sink.toString()).isEqualTo("first line\n");
    w.write(token.substring(12) + " end\n");
    w.flush();
    assertThat(sink.toString()).startsWith("first line\nsecond ghp_[REDACTED:").endsWith(" end\n");
    w.close();
  }

  /** A Reader of a long single line made on the fly: never held in memory as a whole. */
  static final class LongLine extends java.io.Reader {
    private final long length;
    private final String secret;
    private final long secretAt;
    private long pos;
    private final Random rnd = new Random(1);
    private final String filler;

    LongLine(long length, String secret, long secretAt) {
      this.length = length;
      this.secret = secret;
      this.secretAt = secretAt;
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 10_000) {
        sb.append("var a").append(rnd.nextInt(1000)).append("=function(e){return e.x+1};");
      }
      this.filler = sb.toString();
    }

    @Override
    public int read(char[] c, int off, int n) {
      if (pos >= length) {
        return -1;
      }
      int k = (int) Math.min(n, length - pos);
      for (int i = 0; i < k; i++) {
        long p = pos + i;
        c[off + i] =
            p >= secretAt && p < secretAt + secret.length()
                ? secret.charAt((int) (p - secretAt))
                : filler.charAt((int) (p % filler.length()));
      }
      pos += k;
      return k;
    }

    @Override
    public void close() {}
  }

  /** Counts what it is given and keeps only a window around the secret. */
  static final class Tail extends Writer {
    long count;
    final StringBuilder seen = new StringBuilder();
    final long from;
    final long to;

    Tail(long from, long to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public void write(char[] c, int off, int n) {
      for (int i = 0; i < n; i++) {
        if (count >= from && count < to) {
          seen.append(c[off + i]);
        }
        count++;
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aHundredMegabyteLineIsScrubbedInBoundedMemoryAndASecretOnAChunkBoundaryIsCaught()
      throws IOException {
    String token = githubToken();
    long length = 100L * 1024 * 1024;
    // Put the secret across the first chunk boundary the writer will cut near.
    long at = ScrubbingWriter.MAX_BUFFER - 12_100L;
    Tail tail = new Tail(at - 100, at + 200);
    ScrubbingWriter w = SCRUBBER.wrap(tail);
    char[] b = new char[1 << 16];
    try (LongLine in = new LongLine(length, ";" + token + ";", at)) {
      for (int n; (n = in.read(b, 0, b.length)) >= 0; ) {
        w.write(b, 0, n);
        assertThat(w.bufferCapacity()).isLessThanOrEqualTo(ScrubbingWriter.MAX_BUFFER);
      }
    }
    w.close();
    assertThat(tail.seen.toString()).contains("ghp_[REDACTED:github-pat:");
    assertThat(CorpusTest.removed(token.substring(4), tail.seen.toString())).isTrue();
    long markerGrowth = "[REDACTED:github-pat:12345678]".length() - 36;
    assertThat(tail.count).isEqualTo(length + markerGrowth);
  }

  @Test
  void secretsAnywhereInALongLineAreCaughtWhateverTheChunkBoundaries() throws IOException {
    // Secrets at many offsets around where chunks are cut.
    StringBuilder sb = new StringBuilder();
    java.util.List<String> tokens = new java.util.ArrayList<>();
    Random rnd = new Random(3);
    while (sb.length() < 3 * ScrubbingWriter.MAX_BUFFER) {
      sb.append("x=").append(rnd.nextInt(100_000)).append(";");
      if (rnd.nextInt(200) == 0) {
        String t = githubToken();
        tokens.add(t);
        sb.append(t).append(";");
      }
    }
    String out = scrub(sb.toString());
    assertThat(tokens).isNotEmpty();
    for (String t : tokens) {
      assertThat(CorpusTest.removed(t.substring(4), out)).as(t).isTrue();
    }
    assertThat(out.replaceAll("ghp_\\[REDACTED:github-pat:[0-9a-f]{8}\\]", ""))
        .isEqualTo(sb.toString().replaceAll("ghp_[A-Za-z0-9]{36}", ""));
  }

  @Test
  void theRuleFileHasMoreThanSixtyKindsAndItsFormatIsChecked() {
    assertThat(SCRUBBER.kinds()).hasSizeGreaterThanOrEqualTo(60);
    assertThatThrownBy(
            () ->
                RuleBook.load(
                    java.util.List.of("[x]", "keywords = a", "pattern = (", ""),
                    java.util.List.of()))
        .hasMessageContaining("rules.txt:1 [x]");
    assertThatThrownBy(
            () ->
                RuleBook.load(
                    java.util.List.of("[x]", "keywords = a", "pattern = a", "colour = red"),
                    java.util.List.of()))
        .hasMessageContaining("unknown field colour");
  }
}
