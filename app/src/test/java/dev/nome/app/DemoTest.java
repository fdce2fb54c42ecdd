package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.policy.Policies;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.SseStream;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nome demo} end to end: the real control plane, the real gate, approvals decided by a
 * person through the API (as the browser or {@code nome approvals} would), the run's receipts and
 * artifacts read back.
 */
class DemoTest {

  private static final Pattern RUN_URL = Pattern.compile("See the run at (\\S+/runs/(\\S+))");

  @TempDir Path dir;

  private Demo.Settings settings(Path dataDir, Path workspace) throws Exception {
    return new Demo.Settings(
        new NomeHome(dir.resolve("home")),
        dataDir,
        0,
        workspace,
        false,
        Policies.shippedPolicy(),
        Map.of());
  }

  @Test
  @Timeout(120)
  void withTheControlPlaneNomeUpServesTheApprovedCommandRunsOnlyAfterApproval() throws Exception {
    Path dataDir = dir.resolve("server");
    Path ws = dir.resolve("project");
    try (ControlPlane plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty()), NomeVersion.get())) {
      // As nome up does: this computer is paired with the control plane it serves.
      NomeHome home = new NomeHome(dir.resolve("home"));
      home.ensure();
      assertThat(LocalPairing.ensurePaired(plane, new RunnerHome(home), System.out)).isTrue();
      String owner = UserSession.local(dataDir).orElseThrow().token();
      List<Boolean> buildThereWhenRaised = new ArrayList<>();
      ByteArrayOutputStream terminal = new ByteArrayOutputStream();
      int code;
      try (SseStream events = SseStream.bearer(plane.url(), owner, null)) {
        CompletableFuture<JsonNode> approved =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    while (true) {
                      SseStream.Event e = events.poll(Duration.ofSeconds(90));
                      if (e == null) {
                        throw new AssertionError("no approval was raised");
                      }
                      if (e.type().equals("raised")) {
                        JsonNode request = WebClient.JSON.readTree(e.data()).path("request");
                        buildThereWhenRaised.add(Files.exists(ws.resolve("build/app.zip")));
                        var res =
                            Approvals.decide(
                                plane.url(),
                                owner,
                                request.path("id").asText(),
                                "approve",
                                "fine in the demo folder");
                        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
                        return request;
                      }
                    }
                  } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                  }
                });
        code = new Demo(settings(dataDir, ws), terminal).run();
        JsonNode request = approved.get(10, TimeUnit.SECONDS);
        assertThat(request.path("action").asText()).contains(DemoWorkspace.DANGEROUS_COMMAND);
      }
      String out = terminal.toString(StandardCharsets.UTF_8);
      String token = plantedToken(ws);

      assertThat(code).as(out).isZero();
      assertThat(out)
          .contains(plane.url().resolve("/approvals").toString())
          .contains("nome approvals approve ")
          .contains("Using the control plane serving at " + plane.url())
          .contains("the audit bundle verified")
          .contains("[REDACTED:github-pat:")
          .doesNotContain("FAIL")
          .doesNotContain(token);
      Matcher m = RUN_URL.matcher(out);
      assertThat(m.find()).as(out).isTrue();
      assertThat(m.group(1)).startsWith(plane.url().toString());
      String runId = m.group(2);

      // The command waited: build/ was there when the request was raised, and is gone now.
      assertThat(buildThereWhenRaised).containsExactly(true);
      assertThat(ws.resolve("build")).doesNotExist();
      assertThat(ws.resolve(DemoWorkspace.NOTES)).content().contains("Why the build failed");

      String receipts = get(plane.url(), owner, "/api/runs/" + runId + "/receipts");
      assertThat(receipts).doesNotContain(token);
      List<JsonNode> bodies = bodies(receipts);
      JsonNode envRead = tool(bodies, "read_file", DemoWorkspace.CREDENTIAL_FILE);
      assertThat(envRead.path("decision").asText()).isEqualTo("denied");
      assertThat(envRead.path("success").asBoolean()).isFalse();
      JsonNode rm = tool(bodies, "shell", "rm -rf");
      assertThat(rm.path("decision").asText()).isEqualTo("approved");
      assertThat(rm.path("tier").asText()).isEqualTo("danger");
      assertThat(rm.path("exitCode").asInt(-1)).isZero();
      int approvalAt = indexOf(bodies, b -> b.path("type").asText().equals("approval"));
      assertThat(approvalAt).isNotNegative().isLessThan(bodies.indexOf(rm));
      assertThat(bodies.get(approvalAt).path("decision").asText()).isEqualTo("approved");

      JsonNode artifacts =
          WebClient.JSON.readTree(get(plane.url(), owner, "/api/runs/" + runId + "/artifacts"));
      assertThat(artifacts.path("artifacts")).isNotEmpty();
      for (JsonNode a : artifacts.path("artifacts")) {
        String name = a.path("name").asText();
        assertThat(get(plane.url(), owner, "/api/runs/" + runId + "/artifacts/" + name))
            .as(name)
            .doesNotContain(token);
      }
      assertThat(Files.readString(ws.resolve(Demo.BUNDLE))).doesNotContain(token);

      // The demo key is in the vault once, however many demos ran.
      new DemoOwner(plane.url(), owner)
          .installKey(URI.create("http://127.0.0.1:9/v1"), "nome-demo-anotherRandomKey0123");
      JsonNode keys = WebClient.JSON.readTree(get(plane.url(), owner, "/api/keys"));
      assertThat(keys.path("keys").findValuesAsText("name")).containsOnlyOnce(DemoOwner.KEY_NAME);
    }
  }

  @Test
  @Timeout(120)
  void startsItsOwnControlPlaneAndADeniedCommandDoesNotRun() throws Exception {
    Path dataDir = dir.resolve("server");
    Path ws = dir.resolve("project");
    Lines terminal = new Lines();
    CompletableFuture<Integer> demo =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new Demo(settings(dataDir, ws), terminal).run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // A person reads the terminal and denies with the id it shows (as nome approvals deny does).
    String id = terminal.await(Pattern.compile("nome approvals deny (\\S+)"), demo).group(1);
    UserSession owner = UserSession.local(dataDir).orElseThrow();
    assertThat(ws.resolve("build/app.zip")).exists();
    var res = Approvals.decide(owner.server(), owner.token(), id, "deny", "not today");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    int code = demo.get(90, TimeUnit.SECONDS);
    String out = terminal.text();
    String token = plantedToken(ws);

    // Denying is the gate working: the demo ends, verifies, and exits 0.
    assertThat(code).as(out).isZero();
    assertThat(out)
        .contains("NOME control plane: " + owner.server())
        .contains("Paired this computer")
        .contains("shell: rejected")
        .contains("was rejected; it did not run, build/ is still there")
        .contains("the audit bundle verified")
        .contains("See the run at " + owner.server().resolve("/runs/"))
        .contains("Stopping the control plane started for this demo.")
        .doesNotContain("FAIL")
        .doesNotContain(token);
    assertThat(ws.resolve("build/app.zip")).exists();
    assertThat(ws.resolve(DemoWorkspace.NOTES)).exists();
    // --exit: the control plane the demo started is gone.
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(owner.server().resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void refusesAWorkspaceThatIsNotEmpty() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(ws.resolve("README.md"), "my own project\n");
    Path dataDir = dir.resolve("server");
    assertThatThrownBy(() -> new Demo(settings(dataDir, ws), OutputStream.nullOutputStream()).run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not empty");
    assertThatThrownBy(() -> DemoWorkspace.create(ws, "token"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not empty");
    assertThat(ws.resolve("README.md")).hasContent("my own project");
    assertThat(ws).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("README.md"));
    // Refused before anything started: no control plane was created.
    assertThat(dataDir).doesNotExist();
  }

  private static String plantedToken(Path ws) throws Exception {
    String env = Files.readString(ws.resolve(DemoWorkspace.CREDENTIAL_FILE)).strip();
    String token = env.substring(env.indexOf('=') + 1);
    assertThat(token).startsWith("ghp_NOMEDEMO").hasSize(40);
    return token;
  }

  private static String get(URI server, String token, String path) throws Exception {
    var res = WebClient.bearer(server, token, "GET", path, null);
    assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
    return res.body();
  }

  private static List<JsonNode> bodies(String receipts) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : WebClient.JSON.readTree(receipts).path("receipts")) {
      out.add(r.path("body"));
    }
    return out;
  }

  private static JsonNode tool(List<JsonNode> bodies, String tool, String inputContains) {
    return bodies.stream()
        .filter(b -> b.path("type").asText().equals("tool"))
        .filter(b -> b.path("tool").asText().equals(tool))
        .filter(b -> b.path("input").asText().contains(inputContains))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + tool + " receipt with " + inputContains));
  }

  private static int indexOf(List<JsonNode> bodies, java.util.function.Predicate<JsonNode> p) {
    for (int i = 0; i < bodies.size(); i++) {
      if (p.test(bodies.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** A terminal a test can wait on: the text so far, and a wait for a line to appear. */
  static final class Lines extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      notifyAll();
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until {@code p} matches the text, or fails when {@code writer} ends first. */
    synchronized Matcher await(Pattern p, CompletableFuture<?> writer) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (true) {
        Matcher m = p.matcher(text());
        if (m.find()) {
          return m;
        }
        if (writer.isDone()) {
          throw new AssertionError("the demo ended before showing " + p + ":\n" + text());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("not shown in time: " + p + ":\n" + text());
        }
        // Woken by every write; the bound only covers a writer that ends without writing.
        wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200) + 1);
      }
    }
  }
}
