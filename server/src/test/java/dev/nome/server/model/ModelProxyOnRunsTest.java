package dev.nome.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model proxy behind the control plane's own runs store (no stand-in lookup): a run started
 * through {@code POST /api/runs} is served for its host only, only with the key it resolved to at
 * its start, and only while it runs (P2, P11).
 */
class ModelProxyOnRunsTest {

  static final String KEY = "sk-ant-api03-runsStoreKey0123456789abcdefghijklmnopqrstuvw";

  @TempDir Path dataDir;

  @Test
  void aRunIsServedForItsHostWithItsOwnKeyWhileItRuns() throws Exception {
    List<ScriptedTurn> script = List.of(ScriptedTurn.text("first"), ScriptedTurn.text("second"));
    try (ScriptedModelServer model = ScriptedModelServer.start(KEY, script);
        ControlPlane plane =
            ControlPlane.start(
                new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), 1)
                    .withModelProxy(TestByok.fast(model)),
                "t")) {
      WebClient.owner(plane, TestByok.PASSWORD);
      String user = Approvals.userToken(plane, TestByok.PASSWORD);
      String host = Approvals.hostToken(plane, "build-box");
      String other = Approvals.hostToken(plane, "other-box");
      String keyId = addKey(plane, user, "work", KEY);

      String first = startRun(plane, host);
      assertThat(field(call(plane, host, first), "/content/0/text")).isEqualTo("first");
      // Another host gets what it would get for a run that does not exist.
      refused(call(plane, other, first), 404);

      // A run that ended is not served.
      var ended =
          WebClient.bearer(
              plane.url(),
              host,
              "POST",
              "/api/runs/" + first + "/status",
              "{\"status\":\"succeeded\"}");
      assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
      refused(call(plane, host, first), 404);

      // A key removed mid-run stops the run, even once a key of the same name is added again.
      String second = startRun(plane, host);
      remove(plane, user, keyId);
      assertThat(refused(call(plane, host, second), 409)).isEqualTo("key-removed");
      addKey(plane, user, "work", KEY);
      assertThat(refused(call(plane, host, second), 409)).isEqualTo("key-removed");
      assertThat(model.received()).hasSize(1);
    }
  }

  static String addKey(ControlPlane plane, String user, String name, String secret)
      throws Exception {
    String body =
        WebClient.JSON
            .createObjectNode()
            .put("provider", "anthropic")
            .put("name", name)
            .put("key", secret)
            .toString();
    var res = WebClient.bearer(plane.url(), user, "POST", "/api/keys", body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return WebClient.json(res).get("id").asText();
  }

  static void remove(ControlPlane plane, String user, String keyId) throws Exception {
    var res = WebClient.bearer(plane.url(), user, "DELETE", "/api/keys/" + keyId, null);
    assertThat(res.statusCode()).isEqualTo(204);
  }

  static String startRun(ControlPlane plane, String host) throws Exception {
    var item =
        WebClient.bearer(plane.url(), host, "POST", "/api/work-items", "{\"title\":\"fix it\"}");
    assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
    String body =
        WebClient.JSON
            .createObjectNode()
            .put("workItemId", WebClient.json(item).get("id").asText())
            .put("route", "byok:work")
            .put("workspace", "/home/dev/p")
            .put("role", "coder")
            .put("task", "fix the build")
            .toString();
    var run = WebClient.bearer(plane.url(), host, "POST", "/api/runs", body);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
    return WebClient.json(run).get("id").asText();
  }

  static HttpResponse<String> call(ControlPlane plane, String token, String runId)
      throws Exception {
    return WebClient.bearer(
        plane.url(), token, "POST", "/api/runs/" + runId + "/model", Conversations.first());
  }

  static String field(HttpResponse<String> res, String pointer) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return WebClient.json(res).at(pointer).asText();
  }

  /** Asserts the status and returns the error code. */
  static String refused(HttpResponse<String> res, int status) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    return WebClient.json(res).at("/error/code").asText();
  }
}
