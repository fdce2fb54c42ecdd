package dev.nome.server.approvals;

import static dev.nome.server.testing.Approvals.decide;
import static dev.nome.server.testing.Approvals.raised;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.SseStream;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.testing.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The approval queue over HTTP and SSE, on SQLite and on a real PostgreSQL. */
class ApprovalsHttpTest {

  static final String PASSWORD = "owner password 1";

  @TempDir Path dataDir;

  ControlPlane start(String dialect) throws Exception {
    Optional<String> db =
        dialect.equals("postgresql")
            ? Optional.of(TestPostgres.get().createDatabase())
            : Optional.empty();
    return ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, db, 1), "t");
  }

  static JsonNode data(SseStream.Event e) throws Exception {
    return WebClient.JSON.readTree(e.data());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void exactlyOneDecisionWinsAndEveryTransitionIsRecorded(String dialect) throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "build-box");
      try (SseStream watch = SseStream.bearer(plane.url(), user, null);
          SseStream runner = SseStream.bearer(plane.url(), host, null)) {
        JsonNode r = raised(plane.url(), host, "run-1", "rm -rf build/");
        String id = r.at("/request/id").asText();
        assertThat(r.at("/request/state").asText()).isEqualTo("pending");
        assertThat(r.at("/request/host").asText()).isEqualTo("build-box");

        SseStream.Event seen = watch.next();
        assertThat(seen.type()).isEqualTo("raised");
        assertThat(seen.id()).isEqualTo(r.get("event_id").asText());
        assertThat(data(seen).at("/request/action").asText()).isEqualTo("rm -rf build/");
        assertThat(runner.next().type()).isEqualTo("raised");

        // A device token can never decide, not even on its own request.
        assertThat(decide(plane.url(), host, id, "approve", null).statusCode()).isEqualTo(403);

        var ok = decide(plane.url(), user, id, "approve", "looks fine");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(WebClient.json(ok).at("/request/state").asText()).isEqualTo("approved");

        var late = decide(plane.url(), user, id, "deny", null);
        assertThat(late.statusCode()).isEqualTo(409);
        JsonNode standing = WebClient.json(late);
        assertThat(standing.at("/error/code").asText()).isEqualTo("already_decided");
        assertThat(standing.at("/error/message").asText())
            .isEqualTo("this request was already approved by owner (cli)");
        assertThat(standing.at("/request/state").asText()).isEqualTo("approved");
        assertThat(standing.at("/request/comment").asText()).isEqualTo("looks fine");
        assertThat(decide(plane.url(), user, id, "approve", null).statusCode()).isEqualTo(409);

        SseStream.Event decided = runner.next();
        assertThat(decided.type()).isEqualTo("approved");
        assertThat(data(decided).at("/request/decided_by").asText()).isEqualTo("owner");
        assertThat(watch.next().type()).isEqualTo("approved");
        assertThat(watch.poll(Duration.ofMillis(300))).as("losing decisions send nothing").isNull();

        var records = plane.services().approvals().store().records(id);
        assertThat(records)
            .extracting(ApprovalStore.Record::decision)
            .containsExactly("raised", "approved");
        assertThat(records.get(1).deviceId()).matches("cli:[0-9a-f]{12}");
        assertThat(records.get(1).comment()).isEqualTo("looks fine");
        assertThat(records.get(0).decidedBy()).startsWith("host:");
      }
    }
  }

  @Test
  void concurrentDecisionsFromManyDevicesHaveOneWinner() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient.owner(plane, PASSWORD);
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        users.add(Approvals.userToken(plane, PASSWORD));
      }
      String host = Approvals.hostToken(plane, "h");
      String id = raised(plane.url(), host, "run-1", "deploy").at("/request/id").asText();
      List<Thread> threads = new ArrayList<>();
      List<Integer> codes = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 8; i++) {
        String token = users.get(i % users.size());
        String verb = i % 2 == 0 ? "approve" : "deny";
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        codes.add(decide(plane.url(), token, id, verb, null).statusCode());
                      } catch (Exception e) {
                        codes.add(-1);
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(codes).containsOnly(200, 409);
      assertThat(codes.stream().filter(c -> c == 200)).hasSize(1);
      assertThat(plane.services().approvals().store().records(id)).hasSize(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anUndecidedRequestExpiresAsADenial(String dialect) throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "h");
      try (SseStream runner = SseStream.bearer(plane.url(), host, null)) {
        var res =
            Approvals.raise(plane.url(), host, Approvals.raiseJson("run-1", "drop table x", 1L));
        String id = WebClient.json(res).at("/request/id").asText();
        assertThat(runner.next().type()).isEqualTo("raised");
        SseStream.Event expired = runner.next(Duration.ofSeconds(5));
        assertThat(expired.type()).isEqualTo("expired");
        assertThat(data(expired).at("/request/state").asText()).isEqualTo("expired");
        var late = decide(plane.url(), user, id, "approve", null);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(WebClient.json(late).at("/request/state").asText()).isEqualTo("expired");
        assertThat(plane.services().approvals().store().records(id))
            .extracting(ApprovalStore.Record::decision)
            .containsExactly("raised", "expired");
      }
    }
  }

  @Test
  void aClientReconnectingWithLastEventIdMissesNothingAndGetsNothingTwice() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "h");
      String lastSeen;
      try (SseStream first = SseStream.bearer(plane.url(), user, null)) {
        raised(plane.url(), host, "run-1", "one");
        lastSeen = first.next().id();
      }
      // While disconnected: two more raised, one decided.
      String two = raised(plane.url(), host, "run-1", "two").at("/request/id").asText();
      raised(plane.url(), host, "run-1", "three");
      assertThat(decide(plane.url(), user, two, "deny", null).statusCode()).isEqualTo(200);
      try (SseStream again = SseStream.bearer(plane.url(), user, lastSeen)) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          SseStream.Event e = again.next();
          got.add(e.type() + ":" + data(e).at("/request/action").asText());
        }
        assertThat(got).containsExactly("raised:two", "raised:three", "denied:two");
        // And live events keep coming after the replay.
        raised(plane.url(), host, "run-1", "four");
        assertThat(data(again.next()).at("/request/action").asText()).isEqualTo("four");
        assertThat(again.poll(Duration.ofMillis(300))).isNull();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void revokingAHostCancelsItsPendingRequestsAndClosesItsStreams(String dialect) throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient owner = WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "doomed");
      String other = Approvals.hostToken(plane, "kept");
      String a = raised(plane.url(), host, "run-1", "a").at("/request/id").asText();
      String b = raised(plane.url(), host, "run-2", "b").at("/request/id").asText();
      String c = raised(plane.url(), other, "run-3", "c").at("/request/id").asText();
      String hostId =
          WebClient.json(WebClient.bearer(plane.url(), host, "GET", "/api/hosts/me", null))
              .get("host_id")
              .asText();
      try (SseStream watch = SseStream.bearer(plane.url(), user, null);
          SseStream runner = SseStream.bearer(plane.url(), host, null)) {
        var revoked =
            WebClient.bearer(plane.url(), user, "POST", "/api/hosts/" + hostId + "/revoke", null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        List<String> cancelled = new ArrayList<>();
        cancelled.add(data(watch.next()).at("/request/id").asText());
        cancelled.add(data(watch.next()).at("/request/id").asText());
        assertThat(cancelled).containsExactlyInAnyOrder(a, b);
        assertThat(runner.awaitClosed(Duration.ofSeconds(3))).isTrue();
      }
      var store = plane.services().approvals().store();
      assertThat(store.get(a).orElseThrow().state()).isEqualTo(ApprovalState.CANCELLED);
      assertThat(store.get(b).orElseThrow().comment()).contains("the host was revoked");
      assertThat(store.get(c).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
      assertThat(owner).isNotNull();
    }
  }

  @Test
  void aRevocationMadeBehindThisInstancesBackIsCaughtByTheSweeper() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      var issued = plane.pairLocalHost(dev.nome.server.testing.TestHosts.info("elsewhere"));
      String a = raised(plane.url(), issued.deviceToken(), "run-1", "a").at("/request/id").asText();
      try (SseStream watch = SseStream.bearer(plane.url(), user, null)) {
        // As another instance would: straight in the shared database, no local listener called.
        plane.services().hosts().revoke(issued.host().id(), issued.host().accountId(), "t", "t");
        SseStream.Event e = watch.next(Duration.ofSeconds(5));
        assertThat(e.type()).isEqualTo("cancelled");
        assertThat(data(e).at("/request/id").asText()).isEqualTo(a);
      }
    }
  }

  @Test
  void theRunnerCancelsTheRequestsOfARunThatEnded() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "h");
      String a = raised(plane.url(), host, "run-9", "a").at("/request/id").asText();
      String b = raised(plane.url(), host, "run-9", "b").at("/request/id").asText();
      String keep = raised(plane.url(), host, "run-10", "c").at("/request/id").asText();
      var res =
          WebClient.bearer(
              plane.url(), host, "POST", "/api/approvals/cancel-run", "{\"run_id\":\"run-9\"}");
      assertThat(WebClient.json(res).get("cancelled").asInt()).isEqualTo(2);
      var late = decide(plane.url(), user, a, "approve", null);
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(WebClient.json(late).at("/request/state").asText()).isEqualTo("cancelled");
      var one =
          WebClient.bearer(plane.url(), host, "POST", "/api/approvals/" + keep + "/cancel", null);
      assertThat(one.statusCode()).isEqualTo(200);
      var list = WebClient.json(WebClient.bearer(plane.url(), user, "GET", "/api/approvals", null));
      assertThat(list.get("pending")).isEmpty();
      assertThat(list.get("history")).hasSize(3);
      assertThat(b).isNotBlank();
    }
  }

  @Test
  void whoMayDoWhat() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient owner = WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "h");
      String other = Approvals.hostToken(plane, "other");
      String json = Approvals.raiseJson("run-1", "x", null);
      // Only a paired host raises.
      assertThat(WebClient.bearer(plane.url(), user, "POST", "/api/approvals", json).statusCode())
          .isEqualTo(403);
      assertThat(owner.sendJson("POST", "/api/approvals", json, true).statusCode()).isEqualTo(403);
      var anon = new WebClient(plane.url());
      assertThat(anon.sendJson("POST", "/api/approvals", json, false).statusCode()).isEqualTo(401);
      assertThat(anon.get("/api/approvals/events").statusCode()).isEqualTo(401);
      // Hosts see only their own requests; nobody lists them but people.
      String id = raised(plane.url(), host, "run-1", "x").at("/request/id").asText();
      assertThat(
              WebClient.bearer(plane.url(), other, "GET", "/api/approvals/" + id, null)
                  .statusCode())
          .isEqualTo(404);
      assertThat(
              WebClient.bearer(plane.url(), host, "GET", "/api/approvals/" + id, null).statusCode())
          .isEqualTo(200);
      assertThat(WebClient.bearer(plane.url(), host, "GET", "/api/approvals", null).statusCode())
          .isEqualTo(403);
      assertThat(
              WebClient.bearer(plane.url(), other, "POST", "/api/approvals/" + id + "/cancel", null)
                  .statusCode())
          .isEqualTo(404);
      // A browser session decides only with its CSRF token.
      assertThat(
              owner.sendJson("POST", "/api/approvals/" + id + "/approve", null, false).statusCode())
          .isEqualTo(403);
      assertThat(
              owner.sendJson("POST", "/api/approvals/" + id + "/approve", null, true).statusCode())
          .isEqualTo(200);
      // Bad input is a 400 with a message.
      for (String bad :
          List.of(
              json.replace("\"danger\"", "\"lethal\""),
              json.replace("\"run-1\"", "\"run 1; drop\""),
              json.replace("\"x\"", "\"\""),
              Approvals.raiseJson("run-1", "x", 0L),
              "{\"tool\":1}")) {
        var res = Approvals.raise(plane.url(), host, bad);
        assertThat(res.statusCode()).as(bad).isEqualTo(400);
        assertThat(WebClient.json(res).at("/error/message").asText()).isNotBlank();
      }
    }
  }

  @Test
  void secretsInTheActionAreScrubbedBeforeTheyAreStoredOrSent() throws Exception {
    try (ControlPlane plane = start("sqlite")) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String host = Approvals.hostToken(plane, "h");
      String key = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
      try (SseStream watch = SseStream.bearer(plane.url(), user, null)) {
        JsonNode r =
            raised(plane.url(), host, "run-1", "curl -H 'Authorization: token " + key + "' x");
        assertThat(r.at("/request/action").asText()).doesNotContain(key).contains("[REDACTED:");
        assertThat(watch.next().data()).doesNotContain(key);
      }
      assertThat(Map.of()).isEmpty();
    }
  }
}
