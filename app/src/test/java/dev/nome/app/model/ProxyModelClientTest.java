package dev.nome.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.route.StopReason;
import dev.nome.runner.model.ContentBlock;
import dev.nome.runner.model.Message;
import dev.nome.runner.model.ModelException;
import dev.nome.runner.model.ModelReply;
import dev.nome.runner.model.ModelRequest;
import dev.nome.runner.model.ProxyModelClient;
import dev.nome.runner.model.ToolSpec;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's model client against a real control plane whose proxy talks to a scripted provider:
 * a whole tool round trip, and each failure arriving as the run's stop reason.
 */
class ProxyModelClientTest {

  static final String KEY = "sk-ant-api03-runnerSideTestKey0123456789abcdefghijklmnop";

  @TempDir Path dataDir;

  static final ToolSpec READ_FILE =
      new ToolSpec(
          "read_file",
          "Read a file in the workspace",
          Map.of(
              "type", "object",
              "properties", Map.of("path", Map.of("type", "string")),
              "required", List.of("path")));

  static ModelRequest request(List<Message> messages) {
    return new ModelRequest(Optional.empty(), "Be brief.", 512, List.of(READ_FILE), messages);
  }

  static Message user(String text) {
    return new Message("user", List.of(new ContentBlock.Text(text)));
  }

  TestByok start(List<ScriptedTurn> script) throws Exception {
    return TestByok.start(dataDir, Optional.empty(), KEY, script, UnaryOperator.identity());
  }

  @Test
  void aToolCallRoundTripsThroughTheProxy() throws Exception {
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.tools(
                "Looking.",
                new ScriptedTurn.ToolCall(
                    "toolu_7", "read_file", "{\"path\":\"notes.txt\",\"limit\":null}")),
            ScriptedTurn.text("The notes are empty."));
    try (TestByok t = start(script)) {
      String keyId = t.addKey("anthropic", "work", null, KEY);
      TestByok.Host host = t.host("laptop");
      ProxyModelClient client =
          new ProxyModelClient(t.plane.url(), host.token(), t.run(host, keyId, Optional.empty()));

      ModelReply first = client.send(request(List.of(user("What do the notes say?"))));
      assertThat(first.stopReason()).isEqualTo("tool_use");
      assertThat(first.content().getFirst()).isEqualTo(new ContentBlock.Text("Looking."));
      ContentBlock.ToolUse use = first.toolUses().getFirst();
      assertThat(use.id()).isEqualTo("toolu_7");
      assertThat(use.input()).isEqualTo(Map.of("path", "notes.txt"));
      assertThat(first.usage().inputTokens()).isEqualTo(20);
      assertThat(first.usage().outputTokens()).isEqualTo(8);

      ModelReply second =
          client.send(
              request(
                  List.of(
                      user("What do the notes say?"),
                      new Message("assistant", first.content()),
                      new Message(
                          "user", List.of(new ContentBlock.ToolResult("toolu_7", "", false))))));
      assertThat(second.stopReason()).isEqualTo("end_turn");
      assertThat(second.content()).containsExactly(new ContentBlock.Text("The notes are empty."));

      var sent = t.model.received().get(1).json();
      assertThat(sent.at("/messages/1/content/1/input/path").asText()).isEqualTo("notes.txt");
      assertThat(sent.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_7");
      assertThat(sent.at("/tools/0/input_schema/required/0").asText()).isEqualTo("path");
    }
  }

  static StopReason stopOf(ProxyModelClient client) {
    try {
      client.send(request(List.of(user("hi"))));
    } catch (ModelException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain(KEY);
      return e.reason();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the call did not fail");
  }

  @Test
  void providerFailuresArriveAsTheirStopReasons() throws Exception {
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.status(401),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.status(500),
            ScriptedTurn.status(500),
            ScriptedTurn.status(529),
            ScriptedTurn.status(500));
    try (TestByok t = start(script)) {
      String keyId = t.addKey("anthropic", "work", null, KEY);
      TestByok.Host host = t.host("laptop");
      ProxyModelClient client =
          new ProxyModelClient(t.plane.url(), host.token(), t.run(host, keyId, Optional.empty()));
      assertThat(stopOf(client)).isEqualTo(StopReason.PROVIDER_AUTH_FAILED);
      assertThat(stopOf(client)).isEqualTo(StopReason.PROVIDER_RATE_LIMITED);
      assertThat(stopOf(client)).isEqualTo(StopReason.PROVIDER_UNAVAILABLE);
      assertThat(t.model.played()).isEqualTo(9);

      t.removeKey(keyId);
      assertThat(stopOf(client)).isEqualTo(StopReason.KEY_REMOVED);
      assertThat(
              stopOf(
                  new ProxyModelClient(
                      t.plane.url(), host.token(), t.run(host, "gone", Optional.empty()))))
          .isEqualTo(StopReason.KEY_MISSING);
    }
  }

  @Test
  void anotherHostsRunARevokedHostAndNoControlPlaneStopTheRun() throws Exception {
    try (TestByok t = start(List.of())) {
      String keyId = t.addKey("anthropic", "work", null, KEY);
      TestByok.Host host = t.host("laptop");
      TestByok.Host other = t.host("desktop");
      String run = t.run(host, keyId, Optional.empty());
      assertThat(stopOf(new ProxyModelClient(t.plane.url(), other.token(), run)))
          .isEqualTo(StopReason.INTERNAL_ERROR);
      var revoked =
          WebClient.bearer(
              t.plane.url(), t.userToken, "POST", "/api/hosts/" + host.id() + "/revoke", null);
      assertThat(revoked.statusCode()).isEqualTo(200);
      assertThat(stopOf(new ProxyModelClient(t.plane.url(), host.token(), run)))
          .isEqualTo(StopReason.HOST_REVOKED);
      assertThat(t.model.played()).isZero();
    }
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThat(
            stopOf(
                new ProxyModelClient(
                    URI.create("http://127.0.0.1:" + closedPort), "nome_dt_x", "run-1")))
        .isEqualTo(StopReason.CONTROL_PLANE_UNREACHABLE);
  }
}
