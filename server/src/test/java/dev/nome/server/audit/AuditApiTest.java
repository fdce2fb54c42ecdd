package dev.nome.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.Checkpoint;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.JsonValues;
import dev.nome.core.receipt.MerkleProofs;
import dev.nome.core.receipt.RunHead;
import dev.nome.core.receipt.Verification;
import dev.nome.core.secrets.TestScrubbed;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.Wiring;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit API over HTTP: authentication, the error shape, proofs and export. */
class AuditApiTest {

  @TempDir static Path dataDir;
  static ControlPlane plane;
  static final MemoryHostDirectory hosts = new MemoryHostDirectory();
  static final MemoryRunDirectory runs = new MemoryRunDirectory();
  static final Ed25519.KeySigner HOST = Ed25519.KeySigner.generate("host-1");
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    hosts.add("host-1", HOST.publicKey());
    runs.add("run-api", "host-1", "reviewer", Optional.empty());
    for (int i = 0; i < 5; i++) {
      runs.add("run-p" + i, "host-1", "reviewer", Optional.of("wi-p"));
    }
    plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty()),
            "test",
            new Wiring(
                hosts,
                runs,
                Optional.of(TestScrubbed.identity()),
                List.of(TestAuthentication.HEADERS),
                Clock.systemUTC()));
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  static HttpResponse<String> post(String path, String host, String body) throws Exception {
    var b =
        HttpRequest.newBuilder(plane.url().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (host != null) {
      b.header("X-Test-Host", host);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path, String reader) throws Exception {
    var b = HttpRequest.newBuilder(plane.url().resolve(path));
    if (reader != null) {
      b.header("X-Test-Reader", reader);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertError(HttpResponse<String> res, int status, String code) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    JsonNode body = json.readTree(res.body());
    assertThat(body.at("/error/code").asText()).isEqualTo(code);
    assertThat(body.at("/error/message").asText()).isNotBlank();
  }

  @Test
  void uploadsAreAcknowledgedAndBadOnesGetTheErrorShape() throws Exception {
    HostRun run = new HostRun("run-api", HOST, Optional.empty()).tools(5).end();
    String first = HostRun.json(run.batch(0, 3, HOST));
    assertError(post("/api/runs/run-api/receipts", null, first), 401, "unauthenticated");
    assertError(post("/api/runs/run-api/receipts", "host-9", first), 403, "unknown_host");
    assertError(post("/api/runs/run-api/receipts", "host-1", "{nope"), 400, "malformed");
    assertError(post("/api/runs/run%20x/receipts", "host-1", first), 400, "bad_request");

    HttpResponse<String> ok = post("/api/runs/run-api/receipts", "host-1", first);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode ack = json.readTree(ok.body());
    assertThat(ack.get("acceptedThrough").asLong()).isEqualTo(2);
    assertThat(ack.get("head").asText()).isEqualTo(run.receipts.get(2).digest().hex());

    assertError(post("/api/runs/run-api/receipts", "host-1", first), 409, "replay");
    assertError(
        post("/api/runs/run-api/receipts", "host-1", HostRun.json(run.batch(4, 7, HOST))),
        409,
        "gap");
    assertThat(
            post("/api/runs/run-api/receipts", "host-1", HostRun.json(run.batch(3, 7, HOST)))
                .statusCode())
        .isEqualTo(200);

    // Reading: the run's host or a reader; nobody else.
    assertError(get("/api/runs/run-api/receipts", null), 401, "unauthenticated");
    JsonNode stored = json.readTree(get("/api/runs/run-api/receipts", "reviewer").body());
    assertThat(stored.get("receipts").size()).isEqualTo(7);
    assertThat(stored.get("ended").asBoolean()).isTrue();
    assertError(get("/api/audit/export?run=run-api", null), 401, "unauthenticated");
    assertError(get("/api/audit/export?run=nope", "reviewer"), 404, "not_found");
    assertError(get("/api/audit/export", "reviewer"), 400, "bad_request");
  }

  @Test
  void checkpointsAndProofsVerifyAndExportsVerifyOffline() throws Exception {
    List<Checkpoint> seen = new ArrayList<>();
    List<RunHead> heads = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      HostRun run = new HostRun("run-p" + i, HOST, Optional.of("wi-p")).tools(i).end();
      HttpResponse<String> res =
          post(
              "/api/runs/run-p" + i + "/receipts",
              "host-1",
              HostRun.json(run.batch(0, run.receipts.size(), HOST)));
      JsonNode ack = json.readTree(res.body());
      seen.add(Checkpoint.fromMap(JsonValues.parseObject(ack.get("checkpoint").toString())));
      indexes.add(ack.get("leafIndex").asLong());
      heads.add(
          new RunHead(
              "run-p" + i,
              "host-1",
              HOST.publicKey(),
              run.receipts.size() - 1,
              run.receipts.getLast().digest()));
    }
    JsonNode latest = json.readTree(get("/api/audit/checkpoint", "reviewer").body());
    byte[] logKey = Base64.getDecoder().decode(latest.get("publicKey").asText());
    Checkpoint now =
        Checkpoint.fromMap(JsonValues.parseObject(latest.get("checkpoint").toString()));
    assertThat(now.verify(logKey)).isTrue();
    for (Checkpoint cp : seen) {
      assertThat(cp.verify(logKey)).isTrue();
      JsonNode c =
          json.readTree(
              get(
                      "/api/audit/proofs/consistency?from=" + cp.size() + "&to=" + now.size(),
                      "reviewer")
                  .body());
      assertThat(
              MerkleProofs.verifyConsistency(
                  cp.size(), cp.root(), now.size(), now.root(), digests(c.get("proof"))))
          .isTrue();
    }
    for (int i = 0; i < heads.size(); i++) {
      JsonNode p =
          json.readTree(
              get(
                      "/api/audit/proofs/inclusion?index=" + indexes.get(i) + "&size=" + now.size(),
                      "reviewer")
                  .body());
      assertThat(
              MerkleProofs.verifyInclusion(
                  heads.get(i).leafHash(),
                  indexes.get(i),
                  now.size(),
                  digests(p.get("proof")),
                  now.root()))
          .isTrue();
    }
    assertError(get("/api/audit/proofs/inclusion?index=99&size=2", "reviewer"), 400, "bad_request");

    HttpResponse<byte[]> bundle =
        http.send(
            HttpRequest.newBuilder(plane.url().resolve("/api/audit/export?workItem=wi-p"))
                .header("X-Test-Reader", "reviewer")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bundle.statusCode()).isEqualTo(200);
    Verification v =
        new BundleVerifier(TestScrubbed.identity(), Optional.of(logKey))
            .verify(new ByteArrayInputStream(bundle.body()));
    assertThat(v.ok()).as(v.toString()).isTrue();
    assertThat(((Verification.Verified) v).runs()).isEqualTo(5);
  }

  @Test
  void anotherAccountReadsNoneOfTheRunsAndNoHostWritesIntoThem() throws Exception {
    HostRun run = new HostRun("run-own", HOST, Optional.of("wi-own")).tools(2).end();
    runs.add("run-own", "host-1", "reviewer", Optional.of("wi-own"));
    String body = HostRun.json(run.batch(0, run.receipts.size(), HOST));
    assertThat(post("/api/runs/run-own/receipts", "host-1", body).statusCode()).isEqualTo(200);

    // Another account's reader: the run and the work item read as unknown.
    assertError(get("/api/runs/run-own/receipts", "outsider"), 404, "not_found");
    assertError(get("/api/audit/export?run=run-own", "outsider"), 404, "not_found");
    assertError(get("/api/audit/export?workItem=wi-own", "outsider"), 404, "not_found");
    assertThat(get("/api/runs/run-own/receipts", "reviewer").statusCode()).isEqualTo(200);

    // A run id the control plane never started.
    HostRun stray = new HostRun("run-stray", HOST, Optional.of("wi-own")).tools(1);
    assertError(
        post("/api/runs/run-stray/receipts", "host-1", HostRun.json(stray.batch(0, 2, HOST))),
        404,
        "unknown_run");
    // A run of another account that names this account's work item is refused...
    runs.add("run-foreign", "host-1", "outsider", Optional.of("wi-elsewhere"));
    HostRun foreign = new HostRun("run-foreign", HOST, Optional.of("wi-own")).tools(1).end();
    assertError(
        post("/api/runs/run-foreign/receipts", "host-1", HostRun.json(foreign.batch(0, 3, HOST))),
        400,
        "malformed");
    // ...and a chain filed under the work item by a run of another account is left out.
    runs.add("run-odd", "host-1", "outsider", Optional.of("wi-own"));
    HostRun odd = new HostRun("run-odd", HOST, Optional.of("wi-own")).tools(1).end();
    assertThat(
            post("/api/runs/run-odd/receipts", "host-1", HostRun.json(odd.batch(0, 3, HOST)))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<byte[]> bundle =
        http.send(
            HttpRequest.newBuilder(plane.url().resolve("/api/audit/export?workItem=wi-own"))
                .header("X-Test-Reader", "reviewer")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bundle.statusCode()).isEqualTo(200);
    Verification v =
        new BundleVerifier(TestScrubbed.identity(), Optional.empty())
            .verify(new ByteArrayInputStream(bundle.body()));
    assertThat(v).isInstanceOf(Verification.Verified.class);
    assertThat(((Verification.Verified) v).runs()).isEqualTo(1);
    assertThat(new String(bundle.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("run-own")
        .doesNotContain("run-odd");
  }

  @Test
  void theLogKeyIsKeptOwnerOnlyInTheDataDir() throws Exception {
    Path key = dataDir.resolve(LogSigningKey.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void aControlPlaneWithNothingWiredRefusesEveryUpload(@TempDir Path other) throws Exception {
    try (ControlPlane bare =
        ControlPlane.start(new ServerConfig("127.0.0.1", 0, other, Optional.empty()), "test")) {
      HostRun run = new HostRun("run-x", HOST, Optional.empty()).tools(1);
      var res =
          http.send(
              HttpRequest.newBuilder(bare.url().resolve("/api/runs/run-x/receipts"))
                  .header("X-Test-Host", "host-1")
                  .POST(HttpRequest.BodyPublishers.ofString(HostRun.json(run.batch(0, 2, HOST))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertError(res, 401, "unauthenticated");
      var metrics =
          http.send(
              HttpRequest.newBuilder(bare.url().resolve("/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("nome_audit_receipts_accepted_total 0.0");
    }
  }

  static List<Digest> digests(JsonNode array) {
    List<Digest> out = new ArrayList<>();
    array.forEach(n -> out.add(Digest.parse(n.asText())));
    return out;
  }
}
