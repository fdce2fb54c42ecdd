package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.RunNotices;
import dev.nome.runner.launch.RunPlan;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.launch.SeatSession;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.seats.ClaudeSeat;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seat run with the real Claude Code CLI (installed from npm, pinned), pointed at a local server
 * that speaks the Anthropic Messages API: every tool call it makes goes through NOME's hooks to the
 * gate. Reads pass, a secret in a command's output is scrubbed in the receipts, the credential file
 * is refused, a write passes, a dangerous command waits for a person (approved once, denied once);
 * side effects match, the CLI's own record agrees with the gate's, and the trail verifies.
 */
class ClaudeSeatEndToEndTest {

  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @TempDir Path dir;

  static String anthropicKey() {
    SecureRandom r = new SecureRandom();
    StringBuilder s = new StringBuilder("sk-ant-api03-");
    for (int i = 0; i < 93; i++) {
      s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return s.append("AA").toString();
  }

  static Path claude() {
    String dir = System.getProperty("nome.test.providerClis", "");
    Path p = Path.of(dir.isEmpty() ? "." : dir, "claude");
    return p;
  }

  /** Claude Code pointed at the scripted server with the test's key, as a user's settings would. */
  static ClaudeSeat.Settings settings(
      ScriptedModelServer model, String key, Path node, int hookTimeoutSeconds) {
    return new ClaudeSeat.Settings(
        claude(),
        node,
        Duration.ofMinutes(3),
        hookTimeoutSeconds,
        Map.of(
            "ANTHROPIC_BASE_URL",
            model.anthropicBaseUrl().toString().replaceAll("/$", ""),
            "ANTHROPIC_API_KEY",
            key,
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
            "1"));
  }

  static String bash(String id, String command) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"Bash\",\"input\":{\"command\":"
        + WebClient.JSON.valueToTree(command)
        + ",\"description\":\"step\"}}";
  }

  @Test
  void everyToolCallOfClaudeCodeGoesThroughTheGate() throws Exception {
    Path claude = claude();
    assumeTrue(Files.isExecutable(claude), "Claude Code is installed by ./test (.ci/tools)");
    String key = anthropicKey();
    String planted = anthropicKey();
    Path ws = Files.createDirectories(dir.resolve("workspace"));
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(ws.resolve("deploy.log"), "deploying with KEY=" + planted + "\n");
    Files.writeString(ws.resolve(".env"), "ANTHROPIC_API_KEY=" + planted + "\n");
    String script =
        "{\"turns\":["
            + "{\"text\":\"Log.\",\"toolCalls\":["
            + bash("toolu_01", "cat deploy.log")
            + "]},"
            + "{\"text\":\"Env.\",\"toolCalls\":[{\"id\":\"toolu_02\",\"name\":\"Read\",\"input\":{\"file_path\":"
            + WebClient.JSON.valueToTree(ws.resolve(".env").toString())
            + "}}]},"
            + "{\"text\":\"Write.\",\"toolCalls\":[{\"id\":\"toolu_03\",\"name\":\"Write\",\"input\":{\"file_path\":"
            + WebClient.JSON.valueToTree(ws.resolve("SUMMARY.md").toString())
            + ",\"content\":\"all good\\n\"}}]},"
            + "{\"text\":\"Publish.\",\"toolCalls\":["
            + bash("toolu_04", "git push --force origin main 2>/dev/null; touch pushed.txt")
            + "]},"
            + "{\"text\":\"Again.\",\"toolCalls\":["
            + bash("toolu_05", "git push --force origin other 2>/dev/null; touch other.txt")
            + "]},"
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
      byte[] fp = new byte[32];
      new SecureRandom().nextBytes(fp);
      SecretScrubber scrubber = SecretScrubber.create(fp);
      SeatRunFixture seat = SeatRunFixture.create(t, dir, ws, scrubber, "tidy up");
      HostSession host = seat.host();
      RunsClient registry = seat.registry();
      String workItem = seat.workItem();
      RunPlan plan = seat.plan();
      RunRegistry.CreatedRun run = seat.run();
      // The runner's own environment holds a credential: the CLI must not get it, and the run's
      // route record names it (never its value).
      Map<String, String> env =
          Map.of(
              "PATH",
              "/usr/local/bin:/usr/bin:/bin",
              "HOME",
              home.toString(),
              "LANG",
              "C.UTF-8",
              "GITHUB_TOKEN",
              planted);
      Path node = SeatProbe.find("node", env).orElseThrow();
      ClaudeSeat.Settings settings = settings(t.model, key, node, 60);
      SeatRunFixture.Progress progress = new SeatRunFixture.Progress();
      List<String> lines = progress.lines;
      List<Integer> stretches = progress.stretches;
      RunResult result =
          new SeatSession(host, registry, ClaudeSeat.cli(settings), env, Gate.Timing.standard())
              .run(workItem, run, plan, progress, new RunNotices() {});

      assertThat(result.outcome().status())
          .as(result.outcome().message() + "\n" + lines)
          .isEqualTo("succeeded");
      assertThat(lines).hasSize(5);
      assertThat(lines.get(0)).startsWith("shell [read] allowed: ");
      assertThat(lines.get(1)).startsWith("read_file [read] denied: ");
      assertThat(lines.get(2)).startsWith("write_file [write] allowed: ");
      assertThat(lines.get(3)).startsWith("shell [danger] approved: ");
      assertThat(lines.get(4)).startsWith("shell [danger] rejected: ");
      assertThat(ws.resolve("SUMMARY.md")).hasContent("all good");
      assertThat(ws.resolve("pushed.txt")).exists();
      assertThat(ws.resolve("other.txt")).doesNotExist();
      assertThat(person.raised).hasSize(2);
      // Each dangerous call paused the CLI (defer) until the person answered; it was resumed.
      assertThat(stretches).containsExactly(1, 2, 3);
      // The provider saw the refusal, never the planted secret through the gate's own text.
      assertThat(result.receiptsAcknowledged()).isTrue();

      JsonNode stored =
          WebClient.json(
              WebClient.bearer(t.plane.url(), t.userToken, "GET", "/api/runs/" + run.id(), null));
      assertThat(stored.path("status").asText()).isEqualTo("succeeded");
      var bundle =
          WebClient.bearer(
              t.plane.url(), t.userToken, "GET", "/api/audit/export?run=" + run.id(), null);
      assertThat(bundle.body()).doesNotContain(planted).doesNotContain(key);
      assertThat(bundle.body())
          .contains("\"cli\":\"claude\"")
          .contains("provider-subscription")
          .contains("\"withheld\":[\"GITHUB_TOKEN\"]");
      var verified =
          new BundleVerifier(scrubber::scrub, Optional.empty())
              .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(verified.ok()).as(verified.toString()).isTrue();
      // The run's folder, the gate's token in it, went with the run.
      assertThat(dir.resolve("nome/seats/" + run.id())).doesNotExist();
    }
  }
}
