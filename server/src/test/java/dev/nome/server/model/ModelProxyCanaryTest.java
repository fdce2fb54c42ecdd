package dev.nome.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P2 and P5 for the model proxy: the decrypted key, a canary, reaches the provider in its
 * authentication header and nowhere else; it is in none of the proxy's responses (successes and
 * every kind of failure, one of which echoes the key), in nothing the server logged, nor in {@code
 * /metrics}.
 */
class ModelProxyCanaryTest {

  static final String CANARY = "sk-ant-api03-CanaryProxyKey0123456789abcdefABCDEFghijklmn";

  @TempDir Path dataDir;

  @Test
  void theKeyAppearsOnlyInTheProvidersAuthenticationHeader() throws Exception {
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.tools("Reading.", ModelProxyHttpTest.READ),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.text("Done."),
            ScriptedTurn.status(500),
            ScriptedTurn.status(529),
            ScriptedTurn.status(500),
            ScriptedTurn.status(500),
            new ScriptedTurn.Failure(
                401,
                Optional.empty(),
                "invalid x-api-key: {key} (starts " + CANARY.substring(0, 20) + ")"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> responses = new ArrayList<>();
    String metrics;
    List<String> seen;
    System.setErr(new PrintStream(new TeeStream(captured, original), true, StandardCharsets.UTF_8));
    try (TestByok t =
        TestByok.start(dataDir, Optional.empty(), CANARY, script, UnaryOperator.identity())) {
      String keyId = t.addKey("anthropic", "canary", null, CANARY);
      TestByok.Host host = t.host("box");
      String run = t.run(host, keyId, Optional.empty());
      responses.add(t.call(host.token(), run, Conversations.first()).body());
      responses.add(
          t.call(host.token(), run, Conversations.afterTool("toolu_01", "hi", false)).body());
      responses.add(t.call(host.token(), run, Conversations.first()).body()); // 500 x 4
      responses.add(t.call(host.token(), run, Conversations.first()).body()); // 401 echo
      t.removeKey(keyId);
      responses.add(t.call(host.token(), run, Conversations.first()).body());
      responses.add(WebClient.bearer(t.plane.url(), t.userToken, "GET", "/api/keys", null).body());
      metrics = new WebClient(t.plane.url()).get("/metrics").body();
      seen = t.model.whereSeen(CANARY);
    } finally {
      System.setErr(original);
    }
    assertThat(responses.get(0)).contains("\"stopReason\":\"tool_use\"");
    assertThat(responses.get(1)).contains("Done.");
    assertThat(responses.get(2)).contains("provider-unavailable");
    assertThat(responses.get(3)).contains("provider-auth-failed");
    assertThat(responses.get(4)).contains("key-removed");
    assertThat(seen)
        .hasSize(8)
        .allMatch(p -> p.matches("request \\d+ header x-api-key"), "only in x-api-key");
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).as("the capture works").contains("model proxy: run ");
    assertThat(metrics).contains("nome_model_calls_total");
    for (String where : List.of("responses", "logs", "metrics")) {
      String text =
          switch (where) {
            case "responses" -> String.join("\n", responses);
            case "logs" -> logs;
            default -> metrics;
          };
      assertThat(text).as(where).doesNotContain(CANARY);
      for (int i = 0; i + 8 <= CANARY.length(); i += 4) {
        assertThat(text).as(where).doesNotContain(CANARY.substring(i, i + 8));
      }
    }
  }

  /** Writes to the capture and still to the real stream, so failures stay readable. */
  static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
