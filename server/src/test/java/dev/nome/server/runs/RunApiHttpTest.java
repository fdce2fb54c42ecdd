package dev.nome.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.Tier;
import dev.nome.core.receipt.ApprovalRecord;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.OutputSummary;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.testing.TestRuns;
import dev.nome.server.testing.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The work item and run API over real HTTP against a started control plane. */
class RunApiHttpTest {

  static final String PASSWORD = "owner password 1";

  @TempDir Path dataDir;

  ControlPlane start(String dialect) throws Exception {
    Optional<String> db =
        dialect.equals("postgresql")
            ? Optional.of(TestPostgres.get().createDatabase())
            : Optional.empty();
    return ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, db, 1), "t");
  }

  static HttpResponse<String> as(URI base, String token, String method, String path, String json)
      throws Exception {
    return WebClient.bearer(base, token, method, path, json);
  }

  static String json(Object... pairs) {
    ObjectNode n = WebClient.JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      if (v instanceof Long l) {
        n.put((String) pairs[i], l);
      } else {
        n.put((String) pairs[i], (String) v);
      }
    }
    return n.toString();
  }

  static String addKey(ControlPlane plane, String user, String provider, String name, String key)
      throws Exception {
    var res =
        as(
            plane.url(),
            user,
            "POST",
            "/api/keys",
            json("provider", provider, "name", name, "key", key));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return WebClient.json(res).get("id").asText();
  }

  static String workItem(ControlPlane plane, String token, String title) throws Exception {
    var res = as(plane.url(), token, "POST", "/api/work-items", json("title", title));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return WebClient.json(res).get("id").asText();
  }

  static HttpResponse<String> startRun(ControlPlane plane, String host, String item, String route)
      throws Exception {
    return as(
        plane.url(),
        host,
        "POST",
        "/api/runs",
        json(
            "workItemId",
            item,
            "route",
            route,
            "workspace",
            "/home/dev/p",
            "role",
            "coder",
            "task",
            "fix the build"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aHostStartsReportsAndEndsItsRunAndPeopleReadIt(String dialect) throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "build-box");
      String other = Approvals.hostToken(plane, "other-box");
      addKey(plane, user, "anthropic", "work", Secrets.anthropicKey());

      var created =
          as(
              plane.url(),
              host,
              "POST",
              "/api/work-items",
              json("title", "Fix CI", "description", "red since Monday"));
      assertThat(created.statusCode()).isEqualTo(201);
      JsonNode item = WebClient.json(created);
      assertThat(item.get("createdBy").asText()).isEqualTo("host:build-box");
      assertThat(item.get("description").asText()).isEqualTo("red since Monday");
      String itemId = item.get("id").asText();
      var listed = as(plane.url(), user, "GET", "/api/work-items", null);
      assertThat(WebClient.json(listed).at("/workItems/0/id").asText()).isEqualTo(itemId);

      var started = startRun(plane, host, itemId, "byok:work/claude-sonnet-4-5");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      JsonNode run = WebClient.json(started);
      String runId = run.get("id").asText();
      assertThat(run.get("status").asText()).isEqualTo("starting");
      assertThat(run.get("workItemId").asText()).isEqualTo(itemId);
      assertThat(run.at("/routeRecord/authLane").asText()).isEqualTo("byok");
      assertThat(run.at("/routeRecord/costLane").asText()).isEqualTo("byok-metered");
      assertThat(run.at("/routeRecord/provider").asText()).isEqualTo("anthropic");
      assertThat(run.at("/routeRecord/cli").asText()).isEqualTo("none");
      assertThat(run.at("/routeRecord/model").asText()).isEqualTo("claude-sonnet-4-5");

      // People and hosts of other runs cannot start or move this run.
      assertThat(startRun(plane, user, itemId, "byok:work").statusCode()).isEqualTo(403);
      String running = json("status", "running", "step", "reading the logs");
      assertThat(
              as(plane.url(), other, "POST", "/api/runs/" + runId + "/status", running)
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              as(
                      plane.url(),
                      other,
                      "POST",
                      "/api/runs/" + runId + "/usage",
                      json("inputTokens", 1L, "outputTokens", 1L))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              as(plane.url(), other, "PUT", "/api/runs/" + runId + "/artifacts/x.log", "{}")
                  .statusCode())
          .isEqualTo(403);
      var foreign = as(plane.url(), other, "GET", "/api/runs/" + runId, null);
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(WebClient.json(foreign).at("/error/code").asText()).isEqualTo("forbidden");
      assertThat(
              as(plane.url(), user, "POST", "/api/runs/" + runId + "/status", running).statusCode())
          .isEqualTo(403);
      assertThat(new WebClient(plane.url()).get("/api/runs/" + runId).statusCode()).isEqualTo(401);
      JsonNode otherView =
          WebClient.json(as(plane.url(), other, "GET", "/api/work-items/" + itemId, null));
      assertThat(otherView.get("runs")).as("a host sees only its own runs").isEmpty();

      assertThat(
              as(plane.url(), host, "POST", "/api/runs/" + runId + "/status", running).statusCode())
          .isEqualTo(200);
      // The model proxy records a byok run's usage; the host's own report is refused.
      var usage =
          as(
              plane.url(),
              host,
              "POST",
              "/api/runs/" + runId + "/usage",
              json("inputTokens", 800L, "outputTokens", 50L));
      assertThat(usage.statusCode()).as(usage.body()).isEqualTo(409);
      assertThat(WebClient.json(usage).at("/error/code").asText())
          .isEqualTo("usage_recorded_by_proxy");

      JsonNode seen = WebClient.json(as(plane.url(), user, "GET", "/api/runs/" + runId, null));
      assertThat(seen.get("status").asText()).isEqualTo("running");
      assertThat(seen.get("step").asText()).isEqualTo("reading the logs");
      assertThat(seen.get("inputTokens").asLong()).isZero();
      assertThat(seen.get("outputTokens").asLong()).isZero();
      assertThat(seen.get("route").asText()).isEqualTo("byok:work/claude-sonnet-4-5");

      var stopped =
          as(
              plane.url(),
              host,
              "POST",
              "/api/runs/" + runId + "/status",
              json(
                  "status",
                  "stopped",
                  "reason",
                  "provider-auth-failed",
                  "message",
                  "Anthropic answered 401"));
      assertThat(stopped.statusCode()).isEqualTo(200);
      var late = as(plane.url(), host, "POST", "/api/runs/" + runId + "/status", running);
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(WebClient.json(late).at("/error/code").asText()).isEqualTo("run_ended");
      assertThat(WebClient.json(late).at("/error/message").asText())
          .contains("stopped (provider-auth-failed)");
      var bad =
          as(plane.url(), host, "POST", "/api/runs/" + runId + "/status", json("status", "paused"));
      assertThat(bad.statusCode()).isEqualTo(400);

      JsonNode withRuns =
          WebClient.json(as(plane.url(), user, "GET", "/api/work-items/" + itemId, null));
      assertThat(withRuns.at("/runs/0/status").asText()).isEqualTo("stopped");
      assertThat(withRuns.at("/runs/0/reason").asText()).isEqualTo("provider-auth-failed");
      assertThat(withRuns.at("/runs/0/endedAt").isTextual()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void routeFailuresAre409WithTheirTypedCodeAndStayVisibleOnTheWorkItem(String dialect)
      throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "build-box");
      String keyId = addKey(plane, user, "anthropic", "work", Secrets.anthropicKey());
      String itemId = workItem(plane, user, "Routes");

      var missing = startRun(plane, host, itemId, "byok:personal");
      assertThat(missing.statusCode()).isEqualTo(409);
      assertThat(WebClient.json(missing).at("/error/code").asText()).isEqualTo("key-missing");
      assertThat(WebClient.json(missing).at("/run/status").asText()).isEqualTo("stopped");

      var model = startRun(plane, host, itemId, "byok:work/gpt-4o");
      assertThat(model.statusCode()).isEqualTo(409);
      assertThat(WebClient.json(model).at("/error/code").asText()).isEqualTo("model-unavailable");

      assertThat(startRun(plane, host, itemId, "byok:work").statusCode()).isEqualTo(201);
      assertThat(as(plane.url(), user, "DELETE", "/api/keys/" + keyId, null).statusCode())
          .isEqualTo(204);
      var removed = startRun(plane, host, itemId, "byok:work");
      assertThat(removed.statusCode()).isEqualTo(409);
      assertThat(WebClient.json(removed).at("/error/code").asText()).isEqualTo("key-removed");
      assertThat(WebClient.json(removed).at("/error/message").asText()).contains("removed");

      var parse = startRun(plane, host, itemId, "gpt:4");
      assertThat(parse.statusCode()).isEqualTo(400);
      assertThat(WebClient.json(parse).at("/error/code").asText()).isEqualTo("bad_request");
      assertThat(startRun(plane, host, "no-such-item", "byok:work").statusCode()).isEqualTo(404);

      JsonNode runs =
          WebClient.json(as(plane.url(), user, "GET", "/api/work-items/" + itemId, null))
              .get("runs");
      assertThat(runs).hasSize(4);
      List<String> reasons = new java.util.ArrayList<>();
      runs.forEach(
          r ->
              reasons.add(
                  r.get("reason").isNull() ? r.get("status").asText() : r.get("reason").asText()));
      assertThat(reasons)
          .containsExactlyInAnyOrder("key-missing", "model-unavailable", "starting", "key-removed");
    }
  }

  @Test
  void artifactsAreScrubbedOnArrivalAndDownloadedAsAttachmentsByPeopleOnly() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient owner = WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "build-box");
      addKey(plane, user, "anthropic", "work", Secrets.anthropicKey());
      String itemId = workItem(plane, user, "Artifacts");
      String runId = WebClient.json(startRun(plane, host, itemId, "byok:work")).get("id").asText();

      String planted = Secrets.anthropicKey();
      String log = "step 1\nANTHROPIC_API_KEY=" + planted + "\ndone ✓\n";
      HttpClient http = HttpClient.newHttpClient();
      var put =
          http.send(
              HttpRequest.newBuilder(
                      plane.url().resolve("/api/runs/" + runId + "/artifacts/run.log"))
                  .header("Authorization", "Bearer " + host)
                  .header("Content-Type", "text/plain; charset=utf-8")
                  .PUT(HttpRequest.BodyPublishers.ofString(log, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      assertThat(put.body()).doesNotContain(planted);

      // Bigger than the server's JSON limit is fine; above 8 MiB is refused.
      byte[] twoMiB = new byte[2 * 1024 * 1024];
      java.util.Arrays.fill(twoMiB, (byte) 'a');
      var diff =
          http.send(
              HttpRequest.newBuilder(
                      plane.url().resolve("/api/runs/" + runId + "/artifacts/workspace.diff"))
                  .header("Authorization", "Bearer " + host)
                  .header("Content-Type", "text/x-diff")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(twoMiB))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(diff.statusCode()).as(diff.body()).isEqualTo(201);
      assertThat(WebClient.json(diff).get("size").asLong()).isEqualTo(twoMiB.length);
      var huge =
          http.send(
              HttpRequest.newBuilder(
                      plane.url().resolve("/api/runs/" + runId + "/artifacts/huge.bin"))
                  .header("Authorization", "Bearer " + host)
                  .PUT(
                      HttpRequest.BodyPublishers.ofByteArray(
                          new byte[RunService.MAX_ARTIFACT_BYTES + 1]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(huge.statusCode()).isEqualTo(413);
      assertThat(WebClient.json(huge).at("/error/code").asText()).isEqualTo("too_large");

      JsonNode list =
          WebClient.json(as(plane.url(), user, "GET", "/api/runs/" + runId + "/artifacts", null));
      assertThat(list.get("artifacts")).hasSize(2);
      assertThat(list.at("/artifacts/0/name").asText()).isEqualTo("run.log");

      var download = owner.get("/api/runs/" + runId + "/artifacts/run.log");
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).doesNotContain(planted).contains("[REDACTED:").contains("done ✓");
      assertThat(download.headers().firstValue("Content-Disposition"))
          .contains("attachment; filename=\"run.log\"");
      assertThat(download.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain");
      assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

      assertThat(
              as(plane.url(), host, "GET", "/api/runs/" + runId + "/artifacts/run.log", null)
                  .statusCode())
          .isEqualTo(403);
      assertThat(owner.get("/api/runs/" + runId + "/artifacts/missing.log").statusCode())
          .isEqualTo(404);
      var badName =
          http.send(
              HttpRequest.newBuilder(
                      plane.url().resolve("/api/runs/" + runId + "/artifacts/.hidden"))
                  .header("Authorization", "Bearer " + host)
                  .PUT(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(badName.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void theRunPageShowsTheReceiptTimelineAndThatItsChainVerifies() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient owner = WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      TestRuns.PairedHost host = TestRuns.pair(plane, "build-box");
      addKey(plane, user, "anthropic", "work", Secrets.anthropicKey());
      String itemId = workItem(plane, user, "Timeline");
      String runId =
          WebClient.json(startRun(plane, host.token(), itemId, "byok:work/claude-sonnet-4-5"))
              .get("id")
              .asText();

      SecretScrubber scrubber =
          SecretScrubber.create(FingerprintKey.loadOrCreate(dataDir.resolve("other.key")));
      Function<String, ScrubbedText> scrub = scrubber::scrub;
      String planted = Secrets.anthropicKey();
      ToolReceipt read =
          new ToolReceipt(
              "call-1",
              "read_file",
              Tier.READ,
              scrub.apply("src/Main.java"),
              Optional.empty(),
              Decision.ALLOWED,
              "default",
              Optional.empty(),
              OutputSummary.of(scrub.apply("class Main {}"), 500, scrub),
              7,
              true,
              OptionalInt.empty());
      ToolReceipt danger =
          new ToolReceipt(
              "call-2",
              "shell",
              Tier.DANGER,
              scrub.apply("rm -rf build"),
              Optional.empty(),
              Decision.APPROVED,
              "shell.danger",
              Optional.of("approval-1"),
              OutputSummary.of(scrub.apply("removed; key was " + planted), 500, scrub),
              42,
              true,
              OptionalInt.of(0));
      ApprovalRecord approval =
          new ApprovalRecord(
              "approval-1",
              scrub.apply("rm -rf build"),
              "shell",
              Tier.DANGER,
              scrub.apply("deleting needs a person"),
              "owner",
              "browser:0123456789ab",
              System.currentTimeMillis(),
              Decision.APPROVED,
              scrub.apply("ok"));
      RouteRecord route =
          new RouteRecord(
              "byok",
              "byok-metered",
              "anthropic",
              "none",
              ScrubbedText.empty(),
              "claude-sonnet-4-5");
      TestRuns.upload(
          plane.url(),
          host,
          runId,
          itemId,
          List.of(route, read, approval, danger),
          Optional.of(new RunEnded(RunStatus.COMPLETED, scrub.apply("done"))));

      var page = owner.get("/runs/" + runId);
      assertThat(page.statusCode()).isEqualTo(200);
      String html = page.body();
      assertThat(html).contains("data-verified=\"true\"").contains("verified: 6 receipts");
      assertThat(html).contains("read_file").contains("src/Main.java").contains("class Main {}");
      assertThat(html).contains("rm -rf build").contains("approval-1").contains("42 ms");
      assertThat(html).contains("by owner from browser:0123456789ab");
      assertThat(html).contains("byok / byok-metered / anthropic / none / claude-sonnet-4-5");
      assertThat(html).doesNotContain(planted).contains("[REDACTED:");

      // Another host cannot file a chain under a run id of this host, nor lock this host out.
      TestRuns.PairedHost intruder = TestRuns.pair(plane, "intruder");
      String victim =
          WebClient.json(startRun(plane, host.token(), itemId, "byok:work")).get("id").asText();
      var refused =
          TestRuns.tryUpload(
              plane.url(), intruder, victim, itemId, List.of(read), Optional.empty());
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("wrong_host");
      assertThat(owner.get("/runs/" + victim).body())
          .doesNotContain("data-verified")
          .doesNotContain("src/Main.java");
      TestRuns.upload(plane.url(), host, victim, itemId, List.of(read), Optional.empty());
      assertThat(owner.get("/runs/" + victim).body()).contains("src/Main.java");

      var fragment = owner.get("/runs/" + runId + "/live");
      assertThat(fragment.body()).contains("hx-trigger=\"every 2s\"").contains("id=\"timeline\"");
      var items = owner.get("/work-items/" + itemId);
      assertThat(items.body())
          .contains("id=\"run-" + runId + "\"")
          .contains("byok:work/claude-sonnet-4-5");
      assertThat(new WebClient(plane.url()).get("/runs/" + runId).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void aPersonStopsARunTheHostHearsItAndARevokedHostsRunsStop() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient owner = WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "build-box");
      String doomed = Approvals.hostToken(plane, "doomed-box");
      addKey(plane, user, "anthropic", "work", Secrets.anthropicKey());
      String itemId = workItem(plane, user, "Stopping");
      String runId = WebClient.json(startRun(plane, host, itemId, "byok:work")).get("id").asText();

      assertThat(owner.get("/runs/" + runId).body()).contains("id=\"stop\"");
      assertThat(owner.postForm("/runs/" + runId + "/stop", java.util.Map.of(), null).statusCode())
          .as("no CSRF token")
          .isEqualTo(403);
      assertThat(as(plane.url(), host, "POST", "/api/runs/" + runId + "/stop", null).statusCode())
          .as("hosts never stop runs for people")
          .isEqualTo(403);
      var stopped = owner.postForm("/runs/" + runId + "/stop", java.util.Map.of());
      assertThat(stopped.statusCode()).isEqualTo(303);
      JsonNode run = WebClient.json(as(plane.url(), user, "GET", "/api/runs/" + runId, null));
      assertThat(run.get("status").asText()).isEqualTo("stopped");
      assertThat(run.get("reason").asText()).isEqualTo("cancelled");
      assertThat(run.get("message").asText()).isEqualTo("stopped by owner");
      assertThat(plane.services().runs().byokRun(runId)).as("no more model calls").isEmpty();
      var heard =
          as(
              plane.url(),
              host,
              "POST",
              "/api/runs/" + runId + "/status",
              json("status", "running"));
      assertThat(heard.statusCode()).isEqualTo(409);
      assertThat(WebClient.json(heard).at("/error/message").asText())
          .contains("stopped (cancelled)");
      assertThat(as(plane.url(), user, "POST", "/api/runs/" + runId + "/stop", null).statusCode())
          .isEqualTo(409);
      assertThat(owner.get("/runs/" + runId).body()).doesNotContain("id=\"stop\"");

      String doomedRun =
          WebClient.json(startRun(plane, doomed, itemId, "byok:work")).get("id").asText();
      String doomedId =
          WebClient.json(as(plane.url(), user, "GET", "/api/runs/" + doomedRun, null))
              .get("hostId")
              .asText();
      assertThat(
              as(plane.url(), user, "POST", "/api/hosts/" + doomedId + "/revoke", null)
                  .statusCode())
          .isEqualTo(200);
      JsonNode after = WebClient.json(as(plane.url(), user, "GET", "/api/runs/" + doomedRun, null));
      assertThat(after.get("status").asText()).isEqualTo("stopped");
      assertThat(after.get("reason").asText()).isEqualTo("host-revoked");
      assertThat(as(plane.url(), doomed, "GET", "/api/runs/" + doomedRun, null).statusCode())
          .isEqualTo(401);
    }
  }
}
