package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.server.accounts.LocalOwnerToken;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.WebClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nome run} as a person uses it: a {@code nome up} process whose model proxy calls local
 * servers speaking the Anthropic Messages and the OpenAI Chat Completions APIs, a byok key of each
 * in the vault, and {@code nome run} processes on the paired host. Each run reads, hits a secret in
 * tool output, is refused a credential file and a write outside the workspace, writes, and waits
 * for a person on a dangerous command, which a person approves with {@code nome approvals}; then
 * {@code nome audit export} and {@code nome audit verify} check the trail.
 */
class RunCommandProcessTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  static Path tmp;
  static Path home;
  static Path data;
  static ScriptedModelServer anthropic;
  static ScriptedModelServer openai;
  static String anthropicKey;
  static String openaiKey;
  static CommandsProcessTest.Nome up;
  static URI url;
  static String owner;
  static String planted;

  static String random(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  static List<ScriptedTurn> script() {
    return List.of(
        ScriptedTurn.tools(
            "Reading.", new ScriptedTurn.ToolCall("c1", "read_file", "{\"path\":\"README.md\"}")),
        ScriptedTurn.tools(
            "The deploy log.",
            new ScriptedTurn.ToolCall("c2", "shell", "{\"command\":\"cat deploy.log\"}")),
        ScriptedTurn.tools(
            "The environment file.",
            new ScriptedTurn.ToolCall("c3", "read_file", "{\"path\":\".env\"}")),
        ScriptedTurn.tools(
            "A note outside.",
            new ScriptedTurn.ToolCall(
                "c4", "write_file", "{\"path\":\"../outside.txt\",\"content\":\"x\"}")),
        ScriptedTurn.tools(
            "The summary.",
            new ScriptedTurn.ToolCall(
                "c5", "write_file", "{\"path\":\"SUMMARY.md\",\"content\":\"all good\\n\"}")),
        ScriptedTurn.tools(
            "Publishing.",
            new ScriptedTurn.ToolCall(
                "c6",
                "shell",
                "{\"command\":\"git push --force origin main 2>/dev/null; touch pushed.txt\"}")),
        ScriptedTurn.text("Done: summarised and published."));
  }

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("nome-run-process");
    home = tmp.resolve("nome-home");
    data = tmp.resolve("data");
    anthropicKey = "sk-ant-api03-" + random(93) + "AA";
    openaiKey = "sk-proj-" + random(74) + "T3BlbkFJ" + random(74);
    planted = "sk-ant-api03-" + random(93) + "AA";
    anthropic = ScriptedModelServer.start(anthropicKey, script());
    openai = ScriptedModelServer.start(openaiKey, script());
    up =
        new CommandsProcessTest.Nome(
            home,
            "up",
            "--port",
            "0",
            "--data-dir",
            data.toString(),
            "--provider-base-url",
            "anthropic=" + anthropic.anthropicBaseUrl(),
            "--provider-base-url",
            "openai=" + openai.openAiBaseUrl());
    up.await("Paired this computer .* with the local control plane");
    url = URI.create(up.await("^NOME control plane: (\\S+)").group(1));
    owner = Files.readString(data.resolve(LocalOwnerToken.TOKEN_FILE)).strip();
    addKey("anthropic", "work-anthropic", anthropicKey);
    addKey("openai", "work-openai", openaiKey);
  }

  static void addKey(String provider, String name, String secret) throws Exception {
    var body = WebClient.JSON.createObjectNode();
    body.put("provider", provider).put("name", name).put("key", secret);
    var res = WebClient.bearer(url, owner, "POST", "/api/keys", body.toString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    if (up != null) {
      up.close();
    }
    if (anthropic != null) {
      anthropic.close();
    }
    if (openai != null) {
      openai.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void aRunFollowedInTheTerminalGatesEachCallAndLeavesATrailThatVerifies(String provider)
      throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws-" + provider).resolve("project"));
    Files.writeString(ws.resolve("README.md"), "a small project\n");
    Files.writeString(ws.resolve("deploy.log"), "deploying with ANTHROPIC_KEY=" + planted + "\n");
    Files.writeString(ws.resolve(".env"), "ANTHROPIC_API_KEY=" + planted + "\n");

    String runId;
    String workItem;
    String out;
    try (CommandsProcessTest.Nome run =
        new CommandsProcessTest.Nome(
            home,
            "run",
            "--new",
            "tidy up (" + provider + ")",
            "--route",
            "byok:work-" + provider,
            "--workspace",
            ws.toString(),
            "summarise",
            "the",
            "project")) {
      var started = run.await("^run (\\S+) on work item (\\S+) \\(byok:work-" + provider);
      runId = started.group(1);
      workItem = started.group(2);
      String approval = run.await("nome approvals approve (\\S+)").group(1);
      // The dangerous command waits for a person: it has not run.
      assertThat(ws.resolve("pushed.txt")).doesNotExist();
      assertThat(
              CommandsProcessTest.run(
                  home, "approvals", "approve", approval, "--data-dir", data.toString()))
          .contains("Approved " + approval);
      out = run.finish();
      assertThat(run.process.exitValue()).as(out).isZero();
    }

    assertThat(out)
        .contains("read_file [read] allowed: ")
        .contains("succeeded: done: Done: summarised and published.")
        .doesNotContain(planted);
    List<String> toolLines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.matches("^  (read_file|shell|write_file) \\[.*")) {
        toolLines.add(line);
      }
    }
    assertThat(toolLines).hasSize(6);
    assertThat(toolLines.get(0)).startsWith("  read_file [read] allowed: ");
    assertThat(toolLines.get(1)).startsWith("  shell [read] allowed: cat deploy.log");
    assertThat(toolLines.get(2)).startsWith("  read_file [read] denied: ");
    assertThat(toolLines.get(3)).contains("write_file").contains("denied");
    assertThat(toolLines.get(4)).startsWith("  write_file [write] allowed: ");
    assertThat(toolLines.get(5)).startsWith("  shell [danger] approved: ");
    // Side effects match the decisions.
    assertThat(ws.resolve("SUMMARY.md")).hasContent("all good");
    assertThat(ws.resolve("pushed.txt")).exists();
    assertThat(ws.getParent().resolve("outside.txt")).doesNotExist();

    // The control plane recorded the run, its route and its artifacts; no secret anywhere.
    JsonNode stored =
        WebClient.json(WebClient.bearer(url, owner, "GET", "/api/runs/" + runId, null));
    assertThat(stored.path("status").asText()).isEqualTo("succeeded");
    assertThat(stored.toString()).contains(provider).doesNotContain(planted);
    // The model proxy counted the tokens; the runner did not report them (nor fail to).
    assertThat(stored.path("inputTokens").asLong()).isPositive();
    assertThat(stored.path("outputTokens").asLong()).isPositive();
    assertThat(out).doesNotContain("could not be sent");
    // The journal was only the queue: the ended chain is acknowledged, so it is gone.
    assertThat(home.resolve("queue").resolve(runId + ".jsonl")).doesNotExist();
    var diff =
        WebClient.bearer(url, owner, "GET", "/api/runs/" + runId + "/artifacts/changes.diff", null);
    assertThat(diff.statusCode()).isEqualTo(200);
    assertThat(diff.body()).contains("+++ b/SUMMARY.md").contains("+all good");
    var log =
        WebClient.bearer(url, owner, "GET", "/api/runs/" + runId + "/artifacts/run.log", null);
    assertThat(log.body()).contains("shell [danger] approved").doesNotContain(planted);
    ScriptedModelServer model = provider.equals("anthropic") ? anthropic : openai;
    assertThat(model.whereSeen(planted)).as("the provider never sees the secret").isEmpty();
    assertThat(model.received().get(2).json().toString())
        .as("the model got the deploy log scrubbed")
        .contains("deploying with ANTHROPIC_KEY=sk-ant-[REDACTED:anthropic-api-key:");

    // The trail exports and verifies offline.
    Path bundle = tmp.resolve("bundle-" + provider + ".json");
    String exported =
        CommandsProcessTest.run(
            home,
            "audit",
            "export",
            "--work-item",
            workItem,
            "--out",
            bundle.toString(),
            "--server",
            url.toString(),
            "--token-file",
            data.resolve(LocalOwnerToken.TOKEN_FILE).toString());
    assertThat(bundle).as(exported).exists();
    String bundleText = Files.readString(bundle);
    assertThat(bundleText).doesNotContain(planted).contains("\"approval\"");
    String verified = CommandsProcessTest.run(home, "audit", "verify", bundle.toString());
    assertThat(verified).contains("Verified: 1 run, ");
  }

  @Test
  void routesThatCannotRunStopBeforeAnythingRunsWithTheirReason() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws-refused"));
    String missing =
        CommandsProcessTest.run(
            home,
            "run",
            "--new",
            "no key",
            "--route",
            "byok:no-such-key",
            "--workspace",
            ws.toString(),
            "do something");
    assertThat(missing).contains("stopped (key-missing): ").contains("/runs/");

    // No provider CLI on the PATH: the seat is not installed, and the control plane records it.
    Path emptyPath = Files.createDirectories(tmp.resolve("empty-path"));
    String seat;
    try (CommandsProcessTest.Nome run =
        new CommandsProcessTest.Nome(
            home,
            Map.of("PATH", emptyPath.toString()),
            "run",
            "--new",
            "a seat",
            "--route",
            "seat:codex",
            "--workspace",
            ws.toString(),
            "do something")) {
      seat = run.finish();
      assertThat(run.process.exitValue()).isEqualTo(1);
    }
    assertThat(seat).contains("stopped (seat-not-installed): ");
    String runId = seat.replaceAll("(?s).*/runs/([0-9a-f-]{36}).*", "$1");
    JsonNode stored =
        WebClient.json(WebClient.bearer(url, owner, "GET", "/api/runs/" + runId, null));
    assertThat(stored.path("status").asText()).isEqualTo("stopped");
    assertThat(stored.path("reason").asText()).isEqualTo("seat-not-installed");
    assertThat(stored.path("route").asText()).isEqualTo("seat:codex");

    String badRoute =
        CommandsProcessTest.run(
            home, "run", "--new", "x", "--route", "byok:", "--workspace", ws.toString(), "task");
    assertThat(badRoute).contains("route");
    assertThat(ws).isEmptyDirectory();
  }
}
