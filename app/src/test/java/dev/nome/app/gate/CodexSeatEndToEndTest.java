package dev.nome.app.gate;

import static dev.nome.app.gate.CodexSeats.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.seats.CodexSeat;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.TestByok;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seat run with the real Codex CLI (installed from npm, pinned), signed in under a throw-away
 * home and pointed at a local server that speaks the OpenAI Responses API: every command it runs
 * goes through NOME's hook to the gate. A read passes and its secret is scrubbed from the receipts,
 * a write passes, and reading the credential file and two dangerous commands are each denied while
 * they wait for a person, then asked again after the answer (approved once, denied twice). Side
 * effects match, Codex's own record agrees with the gate's, the user's Codex home is left as it
 * was, the workspace's own Codex hooks never run, and the trail verifies.
 */
class CodexSeatEndToEndTest {

  @TempDir Path dir;

  @Test
  void everyCommandOfCodexGoesThroughTheGate() throws Exception {
    assumeTrue(Files.isExecutable(CodexSeats.codex()), "Codex is installed by ./test");
    String key = CodexSeats.openAiKey();
    String planted = ClaudeSeatEndToEndTest.anthropicKey();
    Path ws = Files.createDirectories(dir.resolve("workspace"));
    Path home = Files.createDirectories(dir.resolve("home"));
    CodexSeats.signIn(home, key);
    List<String> userHomeBefore = listing(home.resolve(".codex"));
    Files.writeString(ws.resolve("deploy.log"), "deploying with KEY=" + planted + "\n");
    Files.writeString(ws.resolve(".env"), "ANTHROPIC_API_KEY=" + planted + "\n");
    // The repository's own Codex hooks: they must never run (the workspace is not trusted).
    Path marker = dir.resolve("repo-hook-ran");
    Files.createDirectories(ws.resolve(".codex"));
    Files.writeString(
        ws.resolve(".codex/hooks.json"),
        "{\"hooks\":{\"PreToolUse\":[{\"matcher\":\"*\",\"hooks\":[{\"type\":\"command\","
            + "\"command\":\"touch "
            + marker
            + "\"}]}]}}");
    String main = "git push --force origin main 2>/dev/null; touch pushed.txt";
    String other = "git push --force origin other 2>/dev/null; touch other.txt";
    String script =
        "{\"turns\":["
            + ("{\"toolCalls\":[" + shell("call_1", "cat deploy.log") + "]},")
            + ("{\"toolCalls\":[" + shell("call_2", "cat .env") + "]},")
            + "{\"text\":\"Waiting for a person.\"},"
            + ("{\"toolCalls\":[" + shell("call_3", "cat .env") + "]},")
            + ("{\"toolCalls\":[" + shell("call_4", "printf 'all good\\n' > SUMMARY.md") + "]},")
            + ("{\"toolCalls\":[" + shell("call_5", main) + "]},")
            + "{\"text\":\"Waiting for a person.\"},"
            + ("{\"toolCalls\":[" + shell("call_6", main) + "]},")
            + ("{\"toolCalls\":[" + shell("call_7", other) + "]},")
            + "{\"text\":\"Waiting again.\"},"
            + ("{\"toolCalls\":[" + shell("call_8", other) + "]},")
            + "{\"text\":\"Done: published once.\"}"
            + "]}";
    List<ScriptedTurn> turns = ScriptedTurn.parse(script);
    try (TestByok t =
            TestByok.start(
                dir.resolve("server"), Optional.empty(), key, turns, UnaryOperator.identity());
        Approver person =
            new Approver(
                t.plane.url(),
                t.userToken,
                action -> action.contains("origin main") ? "approve" : "deny")) {
      SecretScrubber scrubber = SeatRunFixture.randomScrubber();
      SeatRunFixture seat =
          SeatRunFixture.create(t, dir, ws, scrubber, "tidy up", "codex", "0.171.0");
      // Credentials in the runner's environment are withheld: Codex signs in with the user's own
      // sign-in, never a key NOME hands it.
      Map<String, String> env =
          SeatRunFixture.environment(
              home, "OPENAI_API_KEY", CodexSeats.openAiKey(), "GITHUB_TOKEN", planted);
      Path node = SeatProbe.find("node", env).orElseThrow();
      CodexSeat codex =
          new CodexSeat(CodexSeats.settings(t.model, node, home, Duration.ofMinutes(3), 60));
      SeatRunFixture.Progress progress = new SeatRunFixture.Progress();
      RunResult result = seat.run(codex, env, progress);
      List<String> lines = progress.lines;
      List<Integer> stretches = progress.stretches;

      assertThat(result.outcome().status())
          .as(result.outcome().message() + "\n" + lines)
          .isEqualTo("succeeded");
      assertThat(lines).hasSize(5);
      assertThat(lines.get(0)).startsWith("shell [read] allowed: ").contains("cat deploy.log");
      assertThat(lines.get(1)).contains("rejected: ").contains("cat .env");
      assertThat(lines.get(2)).startsWith("shell [write] allowed: ").contains("SUMMARY.md");
      assertThat(lines.get(3)).startsWith("shell [danger] approved: ").contains("origin main");
      assertThat(lines.get(4)).startsWith("shell [danger] rejected: ").contains("origin other");
      assertThat(ws.resolve("SUMMARY.md")).hasContent("all good");
      assertThat(ws.resolve("pushed.txt")).exists();
      assertThat(ws.resolve("other.txt")).doesNotExist();
      assertThat(marker).doesNotExist();
      // The credential file and both pushes waited for a person: each wait ended Codex's turn, and
      // the run resumed after each answer.
      assertThat(person.raised).hasSize(3);
      assertThat(stretches).containsExactly(1, 2, 3, 4);
      assertThat(result.receiptsAcknowledged()).isTrue();
      // Codex signed in with the user's sign-in (the key in auth.json), not the withheld variable.
      assertThat(t.model.received()).isNotEmpty();
      assertThat(t.model.received())
          .allSatisfy(
              r -> assertThat(r.headers().get("authorization")).containsExactly("Bearer " + key));
      // The model was told which call waited and what was decided.
      assertThat(t.model.received())
          .anySatisfy(r -> assertThat(r.body()).contains("A person approved the call shell"));
      // The user's own Codex home is as it was: NOME wrote its configuration elsewhere.
      assertThat(listing(home.resolve(".codex"))).isEqualTo(userHomeBefore);

      seat.assertRecorded(
          t,
          dir,
          scrubber,
          List.of(planted, key),
          List.of("\"cli\":\"codex\"", "provider-subscription", "GITHUB_TOKEN", "OPENAI_API_KEY"));
    }
  }

  /** The names and sizes of what is in a folder (its top level), to see it unchanged. */
  static List<String> listing(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName() + ":" + f.toFile().length())
          .sorted()
          .toList();
    }
  }
}
