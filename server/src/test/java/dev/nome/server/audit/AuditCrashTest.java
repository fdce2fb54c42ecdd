package dev.nome.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.receipt.Ed25519;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the control plane acknowledged survives it being killed (SIGKILL) right after. */
class AuditCrashTest {

  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @Test
  void everyAcknowledgedReceiptIsThereAfterAKillAndRestart(@TempDir Path dataDir) throws Exception {
    Ed25519.KeySigner host = Ed25519.KeySigner.generate("host-1");
    String key = Base64.getEncoder().encodeToString(host.publicKey());
    HostRun run = new HostRun("run-crash", host, Optional.empty()).tools(400);
    long acknowledgedThrough = -1;
    try (ServerProcess server =
        ServerProcess.start(dataDir, "host-1", key, "run-crash", Optional.empty())) {
      for (int from = 0; from < 400; from += 50) {
        HttpResponse<String> res = upload(server, run.batch(from, from + 50, host));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        acknowledgedThrough = json.readTree(res.body()).get("acceptedThrough").asLong();
      }
      // Killed the moment the last acknowledgement arrived: no shutdown, no flush.
      server.kill();
      assertThat(server.process.exitValue()).isNotZero();
    }
    assertThat(acknowledgedThrough).isEqualTo(399);

    try (ServerProcess restarted =
        ServerProcess.start(dataDir, "host-1", key, "run-crash", Optional.empty())) {
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(restarted.url.resolve("/api/runs/run-crash/receipts"))
                  .header("X-Test-Reader", "reviewer")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(res.body());
      assertThat(body.get("nextSeq").asLong()).isEqualTo(acknowledgedThrough + 1);
      JsonNode receipts = body.get("receipts");
      assertThat(receipts.size()).isEqualTo(400);
      for (int i = 0; i < 400; i++) {
        assertThat(receipts.get(i).get("digest").asText())
            .isEqualTo(run.receipts.get(i).digest().hex());
      }
      // And the chain continues where it was acknowledged.
      assertThat(upload(restarted, run.batch(400, 401, host)).statusCode()).isEqualTo(200);
    }
  }

  static HttpResponse<String> upload(ServerProcess server, ReceiptBatch batch) throws Exception {
    String runId = batch.receipts().getFirst().runId();
    return http.send(
        HttpRequest.newBuilder(server.url.resolve("/api/runs/" + runId + "/receipts"))
            .header("X-Test-Host", "host-1")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(HostRun.json(batch)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
