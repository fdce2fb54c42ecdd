package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.app.gate.Canaries.Canary;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P5 for a whole run (issue 9): canary secrets, made fresh for the test, are planted in the
 * environment of the {@code nome run} process, in files the agent reads and searches, in what its
 * shell commands print, in the task, the work item's title and the dangerous command a person
 * approves. After the run, nothing NOME recorded holds any of them: the control plane's database
 * files, its logs, {@code /metrics}, the receipts, the approval requests, the run's artifacts, the
 * web pages, the JSON API, the runner's NOME home, the terminal, and what the provider was sent.
 * Each place is also checked to hold the redacted form, so a place that skipped scrubbing would
 * show the canary rather than pass for lack of content.
 */
class RunCanaryTest {

  static final List<String> EVERY_KIND =
      List.of(
          "github-pat",
          "aws-secret-access-key",
          "pem-private-key",
          "url-password",
          "anthropic-api-key");

  @TempDir Path dir;

  static ScriptedTurn.ToolCall call(String id, String tool, String inputJson) {
    return new ScriptedTurn.ToolCall(id, tool, inputJson);
  }

  static String shell(String command) {
    ObjectNode o = WebClient.JSON.createObjectNode();
    o.put("command", command);
    return o.toString();
  }

  @Test
  void canariesPlantedInTheRunAppearNowhereNomeRecordsIt() throws Exception {
    Canary token = Canaries.github();
    Canary aws = Canaries.awsSecret();
    Canary anthropic = Canaries.anthropic();
    Canary url = Canaries.urlPassword();
    Canary pem = Canaries.pemKey();
    Canary approved = Canaries.github(); // only in the command a person approves
    List<Canary> all = List.of(token, aws, anthropic, url, pem, approved);
    String awsLine = "aws_secret_access_key = " + aws.text();
    // Each is one the scrubber knows, or this test would prove nothing.
    byte[] fp = new byte[32];
    new SecureRandom().nextBytes(fp);
    SecretScrubber scrubber = SecretScrubber.create(fp);
    for (String planted :
        List.of(token.text(), awsLine, anthropic.text(), url.text(), pem.text(), approved.text())) {
      assertThat(Canaries.found("scrubbed", scrubber.scrub(planted).value(), all)).isEmpty();
    }

    String dangerous = "touch \"$(cat name.txt)\" && echo " + approved.text();
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.tools(
                "Reading the notes.",
                call("c1", "read_file", "{\"path\":\"notes/deploy.md\"}"),
                call("c2", "search", "{\"pattern\":\"ghp_\"}")),
            ScriptedTurn.tools(
                "Looking around.",
                call("c3", "shell", shell("cat README.md")),
                call("c4", "shell", shell("env")),
                call("c5", "shell", shell("env > envdump.txt && cp notes/deploy.md copy.md"))),
            ScriptedTurn.tools("Touching.", call("c6", "shell", shell(dangerous))),
            ScriptedTurn.text("Done."));

    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(new PrintStream(new Tee(logs, out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(logs, err), true, StandardCharsets.UTF_8));
    Map<String, String> recorded = new LinkedHashMap<>();
    List<ScriptedModelServer.Received> providerSaw;
    WholeRun w = null;
    try {
      w = new WholeRun(dir, script);
      Path ws = w.workspace;
      Files.createDirectories(ws.resolve("notes"));
      Files.writeString(
          ws.resolve("notes/deploy.md"), "# Deploy\n" + awsLine + "\n" + pem.text() + "\n");
      Files.writeString(ws.resolve("notes/tokens.txt"), "GITHUB_TOKEN=" + token.text() + "\n");
      Files.writeString(ws.resolve("README.md"), "clone from " + url.text() + "\n");
      Files.writeString(ws.resolve("name.txt"), "marker.txt");

      String output;
      try (Approver owner = new Approver(w.plane().url(), w.userToken, action -> "approve")) {
        output =
            nomeRun(
                w,
                Map.of(
                    "GITHUB_TOKEN", token.text(),
                    "AWS_SECRET_ACCESS_KEY", aws.text(),
                    "ANTHROPIC_API_KEY", anthropic.text(),
                    "LC_NOME_NOTE", anthropic.text(),
                    "LC_DEPLOY_URL", url.text()),
                "deploy with " + awsLine,
                "ship it; the deploy token is " + token.text());
        assertThat(owner.raised).hasSize(1);
      }
      recorded.put("the terminal", output);
      Matcher m = Pattern.compile("run (\\S+) on work item (\\S+)").matcher(output);
      assertThat(m.find()).as(output).isTrue();
      String runId = m.group(1);
      String workItemId = m.group(2);
      assertThat(output).contains("succeeded");
      assertThat(ws.resolve("marker.txt")).exists(); // the approved command ran

      collect(w, runId, workItemId, recorded);
      providerSaw = w.model.received();
    } finally {
      if (w != null) {
        w.close();
      }
      System.setOut(out);
      System.setErr(err);
    }
    recorded.put("the control plane's log", logs.toString(StandardCharsets.UTF_8));
    recorded.put("the control plane's files", filesUnder(dir.resolve("server")));
    // The journal left the queue once the control plane acknowledged the ended chain (what it
    // held is the receipts export below; GateEndToEndTest compares a kept journal with it).
    assertThat(dir.resolve("home/queue")).isEmptyDirectory();
    recorded.put("the runner's NOME home", filesUnder(dir.resolve("home")));

    // The provider is sent scrubbed text only. The one canary it sees is the command it wrote
    // itself, given back to it as its own earlier turn.
    List<Canary> notFromTheModel = all.stream().filter(c -> c != approved).toList();
    List<String> leaks = new ArrayList<>();
    StringBuilder provider = new StringBuilder();
    for (ScriptedModelServer.Received r : providerSaw) {
      leaks.addAll(Canaries.found("a request to the provider", r.body(), notFromTheModel));
      JsonNode body = r.json();
      ArrayNode kept = WebClient.JSON.createArrayNode();
      for (JsonNode message : body.path("messages")) {
        if (!message.path("role").asText().equals("assistant")) {
          kept.add(message);
        }
      }
      ((ObjectNode) body).set("messages", kept);
      provider.append(body).append('\n');
    }
    recorded.put("what the provider was sent", provider.toString());

    recorded.forEach((where, text) -> leaks.addAll(Canaries.found(where, text, all)));
    assertThat(leaks).isEmpty();

    // Each place did get the canaries, redacted: scrubbing, not absence, kept them out.
    assertRedacted(recorded, "what the provider was sent", EVERY_KIND);
    assertRedacted(recorded, "the receipts export", EVERY_KIND);
    assertRedacted(recorded, "GET /api/approvals", List.of("github-pat"));
    assertRedacted(recorded, "GET /api/approvals/{id}", List.of("github-pat"));
    assertRedacted(recorded, "page /approvals/list", List.of("github-pat"));
    assertRedacted(
        recorded,
        "artifact changes.diff",
        List.of("anthropic-api-key", "url-password", "aws-secret-access-key", "pem-private-key"));
    assertRedacted(recorded, "artifact run.log", List.of("github-pat"));
    assertRedacted(recorded, "GET /api/runs/{id}", List.of("github-pat"));
    assertRedacted(recorded, "page /runs/{run}", List.of("github-pat"));
    assertRedacted(recorded, "GET /api/work-items/{id}", List.of("aws-secret-access-key"));
    assertRedacted(recorded, "page /work-items/{item}", List.of("aws-secret-access-key"));
    assertRedacted(recorded, "the control plane's files", EVERY_KIND);
    assertRedacted(recorded, "the terminal", List.of("github-pat"));
    assertThat(recorded.get("the control plane's log")).contains("control plane listening");
    assertThat(recorded.get("/metrics")).contains("nome_");
  }

  /** What the control plane shows of the run, keyed by where; every page and API that has it. */
  static void collect(WholeRun w, String runId, String workItemId, Map<String, String> recorded)
      throws Exception {
    JsonNode approvals = WebClient.json(w.asOwner("GET", "/api/approvals"));
    recorded.put("GET /api/approvals", approvals.toString());
    assertThat(approvals.path("history")).hasSize(1);
    String approvalId = approvals.path("history").get(0).path("id").asText();
    recorded.put(
        "GET /api/approvals/{id}", w.asOwner("GET", "/api/approvals/" + approvalId).body());
    recorded.put("the receipts export", w.verifiedExport(runId));
    recorded.put("GET /api/runs/{id}/receipts", w.storedReceipts(runId).toString());
    recorded.put("GET /api/runs/{id}", w.stored(runId).toString());
    recorded.put(
        "GET /api/work-items/{id}", w.asOwner("GET", "/api/work-items/" + workItemId).body());
    for (String artifact : List.of("changes.diff", "run.log")) {
      var res = w.asOwner("GET", "/api/runs/" + runId + "/artifacts/" + artifact);
      assertThat(res.statusCode()).as(artifact).isEqualTo(200);
      recorded.put("artifact " + artifact, res.body());
    }
    for (String page :
        List.of(
            "/work-items",
            "/work-items/{item}",
            "/work-items/{item}/runs",
            "/runs/{run}",
            "/runs/{run}/live",
            "/approvals",
            "/approvals/list")) {
      var res = w.browser.get(page.replace("{item}", workItemId).replace("{run}", runId));
      assertThat(res.statusCode()).as(page).isEqualTo(200);
      recorded.put("page " + page, res.body());
    }
    recorded.put("/metrics", w.asOwner("GET", "/metrics").body());
  }

  static void assertRedacted(Map<String, String> recorded, String where, List<String> kinds) {
    assertThat(recorded).containsKey(where);
    for (String kind : kinds) {
      assertThat(recorded.get(where))
          .as(where + " holds " + kind + " redacted")
          .contains("[REDACTED:" + kind);
    }
  }

  /** Runs {@code nome run} as its own process with {@code env} added to its environment. */
  static String nomeRun(WholeRun w, Map<String, String> env, String title, String task)
      throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.nome.app.Main",
            "run",
            "--new",
            title,
            "--route",
            "byok:work",
            "--workspace",
            w.workspace.toString(),
            task);
    Path log = w.dir.resolve("nome-run.out");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("NOME_HOME", w.home.dir().toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("nome run did not end:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  /** Every file under {@code root}, its bytes as ISO-8859-1 (so any byte sequence is kept). */
  static String filesUnder(Path root) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append("== ").append(root.relativize(f)).append('\n');
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    return all.toString();
  }

  /** Writes to both streams. */
  static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
