package dev.nome.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.Tier;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.TestScrubbed;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReceiptJsonTest {

  static final Function<String, ScrubbedText> SCRUB = TestScrubbed.identity();

  @Test
  void everyTypeRoundTripsAndItsDigestHolds() {
    Digest prev = Digest.ZERO;
    long seq = 0;
    for (Receipt r : Samples.everyType("host-1")) {
      ChainedReceipt sealed = ChainedReceipt.seal("run-1", seq++, prev, 1_700_000_000_123L, r);
      String json = ReceiptJson.toJson(sealed);
      assertThat(CanonicalJson.canonicalize(json)).as("the wire form is canonical").isEqualTo(json);
      var withoutDigest = ReceiptJson.toMap(sealed);
      withoutDigest.remove("digest");
      assertThat(sealed.digest())
          .as("the fast digest path agrees with the generic canonical writer")
          .isEqualTo(Digest.sha256(CanonicalJson.toBytes(withoutDigest)));
      assertThat(ReceiptJson.encode(sealed))
          .isEqualTo(new ReceiptJson.Encoded(sealed.digest(), json));
      ChainedReceipt back = ReceiptJson.parse(json, SCRUB);
      assertThat(back).isEqualTo(sealed);
      assertThat(back.digestHolds()).isTrue();
      prev = sealed.digest();
    }
  }

  @Test
  void theDigestIsSha256OfTheCanonicalFormWithoutTheDigest() {
    ChainedReceipt r =
        ChainedReceipt.seal("run-1", 0, Digest.ZERO, 5, new RunStarted("h", Optional.empty()));
    String expectedCanonical =
        "{\"at\":5,\"body\":{\"host\":\"h\",\"type\":\"run_started\"},\"prev\":\""
            + "0".repeat(64)
            + "\",\"run\":\"run-1\",\"seq\":0,\"v\":1}";
    assertThat(r.digest())
        .isEqualTo(
            Digest.sha256(expectedCanonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void decodingScrubsAgainSoUnscrubbedTextBreaksTheDigest() {
    ChainedReceipt sealed =
        ChainedReceipt.seal(
            "run-1", 3, Digest.ZERO, 1, Samples.tool("call-1", "token=sk-live-abc123"));
    String json = ReceiptJson.toJson(sealed);
    ChainedReceipt decoded = ReceiptJson.parse(json, TestScrubbed.replacing("sk-live-abc123"));
    assertThat(((ToolReceipt) decoded.receipt()).output().head().value())
        .isEqualTo("token=[REDACTED]");
    assertThat(decoded.digestHolds()).isFalse();
  }

  @Test
  void receiptsScrubbedOnOneMachineVerifyWithTheRealScrubberOnAnother() {
    byte[] hostKey = new byte[32];
    byte[] reviewerKey = new byte[32];
    java.util.Arrays.fill(reviewerKey, (byte) 7);
    var onHost = dev.nome.core.secrets.SecretScrubber.create(hostKey);
    var onReviewer = dev.nome.core.secrets.SecretScrubber.create(reviewerKey);
    String raw =
        "curl -H 'Authorization: Bearer ghp_R8kQz2VbN7xLpT4mW9cYhJ3sD6fG1aE5uKoi' https://x\n"
            + "AWS_SECRET_ACCESS_KEY=Zq8vR2mX7kL4pN9tW3yB6cH1jF5gD0sA8eU2iO7r";
    ScrubbedText scrubbed = onHost.scrub(raw);
    assertThat(scrubbed.value()).doesNotContain("R8kQz2VbN7x").contains("[REDACTED:");
    ChainedReceipt sealed =
        ChainedReceipt.seal(
            "run-1",
            1,
            Digest.ZERO,
            1,
            new ToolIntent(
                "c", "shell", Tier.DANGER, scrubbed, Decision.DENIED, "r", Optional.empty()));
    ChainedReceipt decoded = ReceiptJson.parse(ReceiptJson.toJson(sealed), onReviewer::scrub);
    assertThat(decoded.digestHolds()).isTrue();
    // The same receipt carrying the raw text does not survive decoding.
    ChainedReceipt unscrubbed =
        ChainedReceipt.seal(
            "run-1",
            1,
            Digest.ZERO,
            1,
            new ToolIntent(
                "c",
                "shell",
                Tier.DANGER,
                TestScrubbed.of(raw),
                Decision.DENIED,
                "r",
                Optional.empty()));
    assertThat(ReceiptJson.parse(ReceiptJson.toJson(unscrubbed), onReviewer::scrub).digestHolds())
        .isFalse();
  }

  @Test
  void aRouteRecordNamesWithheldVariablesButNeverTheirValuesAndOldRecordsStayTheSame() {
    var plain = new RouteRecord("byok", "byok-metered", "anthropic", "none", SCRUB.apply(""), "m");
    String json = ReceiptJson.toJson(ChainedReceipt.seal("run-1", 1, Digest.ZERO, 1, plain));
    assertThat(json).doesNotContain("withheld");
    var seat =
        new RouteRecord(
            "seat",
            "provider-subscription",
            "anthropic",
            "claude",
            SCRUB.apply("2.1"),
            "m",
            List.of("AWS_SECRET_ACCESS_KEY"));
    ChainedReceipt sealed = ChainedReceipt.seal("run-1", 1, Digest.ZERO, 1, seat);
    ChainedReceipt back = ReceiptJson.parse(ReceiptJson.toJson(sealed), SCRUB);
    assertThat(back.digestHolds()).isTrue();
    assertThat(((RouteRecord) back.receipt()).withheld()).containsExactly("AWS_SECRET_ACCESS_KEY");
    assertThatThrownBy(
            () ->
                new RouteRecord(
                    "seat", "c", "p", "claude", SCRUB.apply(""), "m", List.of("X=secret-value")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ReceiptJson.parse(
                    ReceiptJson.toJson(sealed).replace("\"AWS_SECRET_ACCESS_KEY\"", "1"), SCRUB))
        .isInstanceOf(ReceiptFormatException.class);
  }

  @Test
  void unknownMissingAndMistypedMembersAreRefused() {
    String json =
        ReceiptJson.toJson(
            ChainedReceipt.seal("run-1", 0, Digest.ZERO, 1, new RunStarted("h", Optional.empty())));
    assertThatThrownBy(() -> ReceiptJson.parse(json.replace("{\"at\"", "{\"zz\":1,\"at\""), SCRUB))
        .isInstanceOf(ReceiptFormatException.class)
        .hasMessageContaining("unknown member");
    assertThatThrownBy(() -> ReceiptJson.parse(json.replace("\"at\":1,", ""), SCRUB))
        .isInstanceOf(ReceiptFormatException.class)
        .hasMessageContaining("lacks 'at'");
    assertThatThrownBy(() -> ReceiptJson.parse(json.replace("\"seq\":0", "\"seq\":\"0\""), SCRUB))
        .isInstanceOf(ReceiptFormatException.class);
    assertThatThrownBy(
            () -> ReceiptJson.parse(json.replace("run_started", "something_else"), SCRUB))
        .isInstanceOf(ReceiptFormatException.class);
    assertThatThrownBy(() -> ReceiptJson.parse("{not json", SCRUB))
        .isInstanceOf(ReceiptFormatException.class);
  }

  @Test
  void parseErrorsDoNotEchoTheInput() {
    String secretish = "sk-live-0123456789abcdef";
    assertThatThrownBy(() -> ReceiptJson.parse("{\"" + secretish + "\" " + secretish, SCRUB))
        .isInstanceOf(ReceiptFormatException.class)
        .message()
        .doesNotContain(secretish);
    assertThatThrownBy(() -> ReceiptJson.parse("{\"" + secretish + "\":1}", SCRUB))
        .message()
        .doesNotContain(secretish);
    String tool =
        ReceiptJson.toJson(ChainedReceipt.seal("run-1", 1, Digest.ZERO, 1, Samples.tool("c", "o")));
    assertThatThrownBy(
            () ->
                ReceiptJson.parse(
                    tool.replace("\"tier\":\"write\"", "\"tier\":\"" + secretish + "\""), SCRUB))
        .isInstanceOf(ReceiptFormatException.class)
        .message()
        .contains("tier")
        .doesNotContain(secretish);
  }

  @Test
  void identifierFieldsRefuseFreeText() {
    assertThatThrownBy(() -> new RunStarted("host with spaces", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ToolIntent(
                    "c",
                    "shell\nrm -rf /",
                    Tier.DANGER,
                    ScrubbedText.empty(),
                    Decision.DENIED,
                    "r",
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void outputSummariesAreBoundedAndKeepTheFullSizeAndDigest() {
    String big = "x".repeat(10_000) + "😀";
    OutputSummary s = OutputSummary.of(TestScrubbed.of(big), 100, SCRUB);
    assertThat(s.head().value()).hasSize(100);
    assertThat(s.fullBytes()).isEqualTo(10_004);
    assertThat(s.fullDigest())
        .isEqualTo(Digest.sha256(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(s.complete()).isFalse();
    assertThatThrownBy(
            () -> new OutputSummary(TestScrubbed.of("y".repeat(5000)), 5000, Digest.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    // A cut never splits a surrogate pair.
    OutputSummary cut = OutputSummary.of(TestScrubbed.of("ab😀"), 3, SCRUB);
    assertThat(cut.head().value()).isEqualTo("ab");
  }

  @Test
  void fingerprintsMatchEqualValuesOnlyUnderTheSameKey() {
    KeyedHmac k1 = KeyedHmac.generate("k1");
    KeyedHmac k2 = KeyedHmac.generate("k2");
    assertThat(k1.of("ls -la")).isEqualTo(k1.of("ls -la"));
    assertThat(k1.of("ls -la")).isNotEqualTo(k1.of("ls -l"));
    assertThat(k1.of("ls -la")).isNotEqualTo(k2.of("ls -la"));
    assertThat(k1.of("secret-value").text()).doesNotContain("secret-value");
    assertThat(Fingerprint.parse(k1.of("x").text())).isEqualTo(k1.of("x"));
  }

  @Test
  void exitCodeIsOptional() {
    ToolReceipt t =
        new ToolReceipt(
            "c",
            "read_file",
            Tier.READ,
            TestScrubbed.of("src/Main.java"),
            Optional.empty(),
            Decision.ALLOWED,
            "default",
            Optional.empty(),
            OutputSummary.of(ScrubbedText.empty(), 10, SCRUB),
            1,
            false,
            OptionalInt.empty());
    ChainedReceipt r = ChainedReceipt.seal("run-2", 1, Digest.ZERO, 1, t);
    assertThat(ReceiptJson.toJson(r)).doesNotContain("exitCode").doesNotContain("approvalRef");
    assertThat(ReceiptJson.parse(ReceiptJson.toJson(r), SCRUB)).isEqualTo(r);
  }
}
