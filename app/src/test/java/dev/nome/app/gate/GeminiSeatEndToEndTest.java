package dev.nome.app.gate;

import static dev.nome.app.gate.GeminiSeats.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.seats.GeminiSeat;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A seat run with the real Gemini CLI (installed from npm, pinned), signed in under a throw-away
 * home and pointed at a local server that speaks the Gemini API: every tool call it makes goes
 * through NOME's hook to the gate. A read passes and its secret is scrubbed from the receipts, the
 * private key is refused, a write passes, and two dangerous commands are each denied while they
 * wait for a person, then asked again after the answer (approved once, denied once). Side effects
 * match, Gemini CLI's own record agrees with the gate's, the user's sign-in is what reached the
 * provider, and the trail verifies.
 */
class GeminiSeatEndToEndTest {

  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isExecutable(GeminiSeats.gemini()), "Gemini CLI is installed by ./test");
    dir = GeminiSeats.scratchDir();
  }

  @AfterEach
  void tearDown() throws Exception {
    GeminiSeats.delete(dir);
  }

  @Test
  void everyToolCallOfGeminiGoesThroughTheGate() throws Exception {
    String key = GeminiSeats.geminiKey();
    String planted = ClaudeSeatEndToEndTest.anthropicKey();
    Path ws = Files.createDirectories(dir.resolve("workspace"));
    Path home = Files.createDirectories(dir.resolve("home"));
    GeminiSeats.signIn(home, key);
    List<String> userGeminiBefore = CodexSeatEndToEndTest.listing(home.resolve(".gemini"));
    Files.writeString(ws.resolve("deploy.log"), "deploying with KEY=" + planted + "\n");
    Files.writeString(ws.resolve("id_rsa"), "not really a key\n");
    String main = "git push --force origin main 2>/dev/null; touch pushed.txt";
    String other = "git push --force origin other 2>/dev/null; touch other.txt";
    String script =
        "{\"turns\":["
            + ("{\"toolCalls\":[" + shell("c1", "cat deploy.log") + "]},")
            + ("{\"toolCalls\":["
                + GeminiSeats.call("c2", "read_file", "{\"file_path\":\"id_rsa\"}")
                + "]},")
            + ("{\"toolCalls\":["
                + GeminiSeats.call(
                    "c3",
                    "write_file",
                    "{\"file_path\":\"SUMMARY.md\",\"content\":\"all good\\n\"}")
                + "]},")
            + ("{\"toolCalls\":[" + shell("c4", main) + "]},")
            + "{\"text\":\"Waiting for a person.\"},"
            + ("{\"toolCalls\":[" + shell("c5", main) + "]},")
            + ("{\"toolCalls\":[" + shell("c6", other) + "]},")
            + "{\"text\":\"Waiting again.\"},"
            + ("{\"toolCalls\":[" + shell("c7", other) + "]},")
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
          SeatRunFixture.create(t, dir, ws, scrubber, "tidy up", "gemini", "0.61.0");
      // Credentials in the runner's environment are withheld: Gemini CLI signs in with the user's
      // own sign-in, never a key NOME hands it.
      Map<String, String> env =
          SeatRunFixture.environment(
              home, "GEMINI_API_KEY", GeminiSeats.geminiKey(), "GITHUB_TOKEN", planted);
      Path node = SeatProbe.find("node", env).orElseThrow();
      GeminiSeat gemini =
          new GeminiSeat(GeminiSeats.settings(t.model, node, home, Duration.ofMinutes(3), 60));
      SeatRunFixture.Progress progress = new SeatRunFixture.Progress();
      RunResult result = seat.run(gemini, env, progress);
      List<String> lines = progress.lines;
      List<Integer> stretches = progress.stretches;

      assertThat(result.outcome().status())
          .as(result.outcome().message() + "\n" + lines)
          .isEqualTo("succeeded");
      assertThat(lines).hasSize(5);
      assertThat(lines.get(0)).startsWith("shell [read] allowed: ").contains("cat deploy.log");
      assertThat(lines.get(1)).startsWith("read_file [read] denied: ").contains("id_rsa");
      assertThat(lines.get(2)).startsWith("write_file [write] allowed: ").contains("SUMMARY.md");
      assertThat(lines.get(3)).startsWith("shell [danger] approved: ").contains("origin main");
      assertThat(lines.get(4)).startsWith("shell [danger] rejected: ").contains("origin other");
      assertThat(ws.resolve("SUMMARY.md")).hasContent("all good");
      assertThat(ws.resolve("pushed.txt")).exists();
      assertThat(ws.resolve("other.txt")).doesNotExist();
      // Both pushes waited for a person: each wait ended Gemini CLI's turn, and the run resumed
      // after each answer.
      assertThat(person.raised).hasSize(2);
      assertThat(stretches).containsExactly(1, 2, 3);
      assertThat(result.receiptsAcknowledged()).isTrue();
      // Gemini CLI signed in with the user's sign-in (the key in ~/.gemini/.env), not the
      // withheld variable.
      assertThat(t.model.received()).isNotEmpty();
      assertThat(t.model.received())
          .allSatisfy(r -> assertThat(r.headers().get("x-goog-api-key")).containsExactly(key));
      assertThat(t.model.received())
          .anySatisfy(r -> assertThat(r.body()).contains("A person approved the call shell"));

      // The user's own Gemini CLI folder is as it was: the run's Gemini home was NOME's.
      assertThat(CodexSeatEndToEndTest.listing(home.resolve(".gemini")))
          .isEqualTo(userGeminiBefore);
      seat.assertRecorded(
          t,
          dir,
          scrubber,
          List.of(planted, key),
          List.of("\"cli\":\"gemini\"", "provider-subscription", "GITHUB_TOKEN", "GEMINI_API_KEY"));
    }
  }
}
