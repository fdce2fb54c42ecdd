package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.app.gate.Seats;
import dev.nome.server.accounts.LocalOwnerToken;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.WebClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nome run --route seat:codex|seat:gemini} as a person uses it: a {@code nome up} process, a
 * provider CLI the person signed in to under their own home, and {@code nome run} processes that
 * find the CLI on the PATH, resolve the seat with its status command, and run it with its model
 * requests sent to a local server speaking its provider's API ({@code --seat-endpoint}). Each run
 * reads a log holding a secret, writes, and waits for a person on a dangerous command, which a
 * person approves with {@code nome approvals}; the terminal, the side effects and the control
 * plane's record follow.
 */
class SeatRunCommandProcessTest {

  static Path base;
  static Path nomeHome;
  static Path data;
  static CommandsProcessTest.Nome up;
  static URI url;
  static String owner;

  @BeforeAll
  static void start() throws Exception {
    base = Seats.scratchDir();
    nomeHome = base.resolve("nome-home");
    data = base.resolve("data");
    up = new CommandsProcessTest.Nome(nomeHome, "up", "--port", "0", "--data-dir", data.toString());
    up.await("Paired this computer .* with the local control plane");
    url = URI.create(up.await("^NOME control plane: (\\S+)").group(1));
    owner = Files.readString(data.resolve(LocalOwnerToken.TOKEN_FILE)).strip();
  }

  @AfterAll
  static void stop() throws Exception {
    if (up != null) {
      up.close();
    }
    Seats.delete(base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"codex", "gemini"})
  void aSeatRunFollowedInTheTerminalGatesEachCall(String cli) throws Exception {
    assumeTrue(Files.isExecutable(Seats.executable(cli)), cli + " is installed by ./test");
    Path userHome = Files.createDirectories(base.resolve("home-" + cli));
    Path ws = Files.createDirectories(base.resolve("ws-" + cli).resolve("project"));
    String key = Seats.key(cli);
    String planted = Seats.key("claude");
    Seats.signIn(cli, userHome, key);
    Files.writeString(ws.resolve("deploy.log"), "deploying with KEY=" + planted + "\n");
    String push = "git push --force origin main 2>/dev/null; touch pushed.txt";
    String script =
        "{\"turns\":["
            + ("{\"toolCalls\":[" + Seats.shell(cli, "c1", "cat deploy.log") + "]},")
            + ("{\"toolCalls\":["
                + Seats.shell(cli, "c2", "printf 'all good\\n' > SUMMARY.md")
                + "]},")
            + ("{\"toolCalls\":[" + Seats.shell(cli, "c3", push) + "]},")
            + "{\"text\":\"Waiting for a person.\"},"
            + ("{\"toolCalls\":[" + Seats.shell(cli, "c4", push) + "]},")
            + "{\"text\":\"Done: summarised and published.\"}]}";
    // A folder an earlier seat run left when its runner was killed: its run is unknown here.
    String earlier = java.util.UUID.randomUUID().toString();
    Path left = Files.createDirectories(nomeHome.resolve("seats").resolve(earlier).resolve("home"));
    Files.writeString(left.resolve("session.jsonl"), "what the CLI kept of that run");
    try (ScriptedModelServer model = ScriptedModelServer.start(key, ScriptedTurn.parse(script))) {
      URI endpoint = cli.equals("codex") ? model.openAiBaseUrl() : model.anthropicBaseUrl();
      String tools = Seats.executable(cli).getParent().toString();
      Map<String, String> env =
          Map.of("HOME", userHome.toString(), "PATH", tools + ":/usr/local/bin:/usr/bin:/bin");
      String runId;
      String out;
      try (CommandsProcessTest.Nome run =
          new CommandsProcessTest.Nome(
              nomeHome,
              env,
              "run",
              "--new",
              "tidy up (" + cli + ")",
              "--route",
              "seat:" + cli,
              "--seat-endpoint",
              endpoint.toString(),
              // A scripted server cannot answer Gemini CLI's automatic model choice.
              "--seat-model",
              cli.equals("gemini") ? "gemini-2.5-pro" : "gpt-5.1-codex",
              "--gemini-sign-in",
              "gemini-api-key",
              "--workspace",
              ws.toString(),
              "summarise and publish")) {
        runId = run.await("^run (\\S+) on work item (\\S+) \\(seat:" + cli).group(1);
        String approval = run.await("nome approvals approve (\\S+)").group(1);
        assertThat(ws.resolve("pushed.txt")).doesNotExist();
        assertThat(
                CommandsProcessTest.run(
                    nomeHome, "approvals", "approve", approval, "--data-dir", data.toString()))
            .contains("Approved " + approval);
        out = run.finish();
        assertThat(run.process.exitValue()).as(out).isZero();
      }
      assertThat(out)
          .contains("shell [read] allowed: ")
          .contains("shell [write] allowed: ")
          .contains("shell [danger] approved: ")
          .contains("succeeded")
          .doesNotContain(planted);
      assertThat(ws.resolve("SUMMARY.md")).hasContent("all good");
      assertThat(ws.resolve("pushed.txt")).exists();
      // The earlier run's folder was swept before this run started; this run's went at its end.
      assertThat(out).contains("removed the folder left by an earlier seat run, " + earlier);
      assertThat(nomeHome.resolve("seats").resolve(earlier)).doesNotExist();
      assertThat(nomeHome.resolve("seats").resolve(runId)).doesNotExist();
      // The CLI used the person's own sign-in at the endpoint they gave.
      assertThat(model.received()).isNotEmpty();
      assertThat(model.whereSeen(key)).isNotEmpty().allMatch(w -> w.contains(" header "));
      JsonNode stored =
          WebClient.json(WebClient.bearer(url, owner, "GET", "/api/runs/" + runId, null));
      assertThat(stored.path("status").asText()).isEqualTo("succeeded");
      assertThat(stored.path("route").asText()).isEqualTo("seat:" + cli);
      assertThat(stored.toString()).doesNotContain(planted).doesNotContain(key);
    }
  }
}
