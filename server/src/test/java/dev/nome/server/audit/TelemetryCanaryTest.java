package dev.nome.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.core.receipt.ApprovalRecord;
import dev.nome.core.receipt.ArtifactKind;
import dev.nome.core.receipt.ArtifactRef;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.HostRevoked;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.OutputSummary;
import dev.nome.core.receipt.Receipt;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStarted;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolIntent;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.secrets.TestScrubbed;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P14: telemetry carries counts and durations, never content. Every receipt field holds a canary;
 * after uploads (accepted and refused), reads, proofs and an export, neither {@code /metrics} nor
 * anything the server logged contains one.
 */
class TelemetryCanaryTest {

  static final HttpClient http = HttpClient.newHttpClient();
  static final String TOKEN = "sk-ant-api03-CanarySecret0123456789abcdefABCDEF";

  static String c(String field) {
    return "canary-" + field;
  }

  static List<Receipt> everyFieldACanary(String hostId) {
    KeyedHmac fp = new KeyedHmac(c("fpkey"), new byte[32]);
    return List.of(
        new RunStarted(hostId, Optional.of(c("workitem"))),
        new RouteRecord(
            c("authlane"),
            c("costlane"),
            c("provider"),
            c("cli"),
            TestScrubbed.of(c("cliversion") + " " + TOKEN),
            c("model")),
        new ToolIntent(
            c("callid"),
            c("tool"),
            Tier.DANGER,
            TestScrubbed.of(c("input") + " export KEY=" + TOKEN),
            Decision.APPROVED,
            c("rule"),
            Optional.of(c("approvalref"))),
        new ApprovalRecord(
            c("requestid"),
            TestScrubbed.of(c("proposed") + " " + TOKEN),
            c("tool"),
            Tier.DANGER,
            TestScrubbed.of(c("reason")),
            c("decidedby"),
            c("device"),
            1_700_000_000_000L,
            Decision.APPROVED,
            TestScrubbed.of(c("comment"))),
        new ToolReceipt(
            c("callid"),
            c("tool"),
            Tier.DANGER,
            TestScrubbed.of(c("input") + " " + TOKEN),
            Optional.of(fp.of(c("rawinput"))),
            Decision.APPROVED,
            c("rule"),
            Optional.of(c("approvalref")),
            OutputSummary.of(
                TestScrubbed.of(c("output") + " " + TOKEN), 2000, TestScrubbed.identity()),
            7,
            false,
            OptionalInt.of(3)),
        new ArtifactRef(
            ArtifactKind.DIFF,
            Digest.sha256(new byte[] {7}),
            1,
            TestScrubbed.of(c("location") + "/" + TOKEN)),
        new HostRevoked(hostId, TestScrubbed.of(c("revokereason"))),
        new RunEnded(RunStatus.STOPPED, TestScrubbed.of(c("stopreason") + " " + TOKEN)));
  }

  @Test
  void neitherMetricsNorLogsCarryAnyReceiptContent(@TempDir Path dataDir) throws Exception {
    String hostId = c("host");
    String runId = c("run");
    Ed25519.KeySigner host = Ed25519.KeySigner.generate(hostId);
    List<ChainedReceipt> chain = new ArrayList<>();
    Digest prev = Digest.ZERO;
    for (Receipt r : everyFieldACanary(hostId)) {
      ChainedReceipt sealed = ChainedReceipt.seal(runId, chain.size(), prev, 1, r);
      chain.add(sealed);
      prev = sealed.digest();
    }
    try (ServerProcess server =
        ServerProcess.start(
            dataDir,
            hostId,
            Base64.getEncoder().encodeToString(host.publicKey()),
            runId,
            Optional.of(c("workitem")))) {
      // Refused batches of every kind first, then the good one, then reads.
      ChainedReceipt edited =
          new ChainedReceipt(
              runId,
              0,
              Digest.ZERO,
              1,
              new RunStarted(hostId, Optional.of(c("edited"))),
              chain.get(0).digest());
      assertThat(post(server, hostId, runId, batch(List.of(edited), host)).statusCode())
          .isEqualTo(400);
      assertThat(post(server, hostId, runId, batch(chain.subList(1, 3), host)).statusCode())
          .isEqualTo(409);
      assertThat(post(server, c("otherhost"), runId, batch(chain, host)).statusCode())
          .isEqualTo(403);
      assertThat(
              post(
                      server,
                      hostId,
                      runId,
                      "{\"receipts\": [" + TOKEN + "], \"" + c("junk") + "\": 1}")
                  .statusCode())
          .isEqualTo(400);
      assertThat(post(server, hostId, runId, batch(chain, host)).statusCode()).isEqualTo(200);
      assertThat(post(server, hostId, runId, batch(chain, host)).statusCode()).isEqualTo(409);
      assertThat(get(server, "/api/runs/" + runId + "/receipts").body()).contains(TOKEN);
      assertThat(get(server, "/api/audit/export?run=" + runId).statusCode()).isEqualTo(200);
      assertThat(get(server, "/api/audit/export?workItem=" + c("workitem")).statusCode())
          .isEqualTo(200);
      assertThat(get(server, "/api/audit/proofs/inclusion?index=0&size=1").statusCode())
          .isEqualTo(200);
      assertThat(get(server, "/api/runs/" + c("missing") + "/receipts").statusCode())
          .isEqualTo(404);

      String metrics = get(server, "/metrics").body();
      assertThat(metrics)
          .contains("nome_audit_receipts_accepted_total 8.0")
          .contains("nome_audit_batches_total{outcome=\"rejected\",reason=\"bad_digest\"} 1.0")
          .contains("nome_audit_upload_seconds_count");
      assertNoCanary("/metrics", metrics);

      server.kill();
      String logs = server.output();
      // The capture works: the server's own log lines are in it.
      assertThat(logs).contains("control plane listening").contains("refused a receipt batch");
      assertNoCanary("the server's output", logs);
    }
  }

  static void assertNoCanary(String where, String text) {
    assertThat(text.toLowerCase(Locale.ROOT)).as(where).doesNotContain("canary");
    assertThat(text).as(where).doesNotContain(TOKEN);
  }

  static String batch(List<ChainedReceipt> receipts, Ed25519.KeySigner host) {
    return HostRun.json(
        new ReceiptBatch(receipts, List.of(ChainSignature.sign(receipts.getLast(), host))));
  }

  static HttpResponse<String> post(ServerProcess server, String hostId, String runId, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.url.resolve("/api/runs/" + runId + "/receipts"))
            .header("X-Test-Host", hostId)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(ServerProcess server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.url.resolve(path))
            .header("X-Test-Reader", "reviewer")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
