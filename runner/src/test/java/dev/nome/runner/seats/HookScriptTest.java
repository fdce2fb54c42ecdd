package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook script Claude Code runs for NOME: a guard hook blocks the call (exit 2, reason on
 * stderr) on every failure — the gate unreachable, slow past the budget, an error status, an answer
 * without a decision — because Claude Code would let the call proceed otherwise.
 */
class HookScriptTest {

  static final String ALLOW =
      "{\"hookSpecificOutput\":{\"hookEventName\":\"PreToolUse\",\"permissionDecision\":\"allow\","
          + "\"permissionDecisionReason\":\"ok\"}}";

  @TempDir Path dir;
  Path node;
  HttpServer gate;
  AtomicReference<String> answer = new AtomicReference<>(ALLOW);
  AtomicReference<Integer> status = new AtomicReference<>(200);
  AtomicReference<String> seenToken = new AtomicReference<>();
  CountDownLatch release = new CountDownLatch(0);

  record Exit(int code, String out, String err, Duration took) {}

  @BeforeEach
  void setUp() throws Exception {
    Optional<Path> found = SeatProbe.find("node", Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"));
    assumeTrue(found.isPresent(), "Node.js is needed for Claude Code and its hooks");
    node = found.get();
    ClaudeSeat.prepare(dir.resolve("run"), "the-run-token");
    gate = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    gate.createContext(
        "/hook",
        ex -> {
          try (ex) {
            seenToken.set(ex.getRequestHeaders().getFirst("Authorization"));
            ex.getRequestBody().readAllBytes();
            release.await();
            byte[] b = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    gate.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    gate.start();
  }

  @AfterEach
  void tearDown() {
    if (gate != null) {
      release.countDown();
      gate.stop(0);
    }
  }

  String url() {
    return "http://127.0.0.1:" + gate.getAddress().getPort() + "/hook";
  }

  Exit hook(String url, int budgetMs, String mode) throws Exception {
    Path run = dir.resolve("run");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                node.toString(),
                run.resolve("hook.js").toString(),
                url,
                run.resolve("token").toString(),
                Integer.toString(budgetMs),
                mode));
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    long t0 = System.nanoTime();
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\"}".getBytes());
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Exit(
        p.exitValue(),
        read(p.getInputStream()),
        read(p.getErrorStream()),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  static String read(InputStream in) throws Exception {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void theGatesDecisionIsPrintedWithTheRunsToken() throws Exception {
    Exit e = hook(url(), 20000, "guard");
    assertThat(e.code()).isZero();
    assertThat(e.out()).isEqualTo(ALLOW);
    assertThat(seenToken.get()).isEqualTo("Bearer the-run-token");
    assertThat(Files.getPosixFilePermissions(dir.resolve("run/token")))
        .hasSize(2)
        .allMatch(p -> p.name().startsWith("OWNER"));
  }

  @Test
  void anUnreachableGateBlocksTheCall() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Exit e = hook("http://127.0.0.1:" + closed + "/hook", 20000, "guard");
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.out()).isEmpty();
    assertThat(e.err()).contains("cannot be reached").contains("blocked");
  }

  @Test
  void aGateSlowerThanTheBudgetBlocksTheCallInTime() throws Exception {
    release = new CountDownLatch(1);
    Exit e = hook(url(), 1000, "guard");
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.err()).contains("no answer in time");
    assertThat(e.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anErrorStatusOrAnAnswerWithoutADecisionBlocksTheCall() throws Exception {
    status.set(500);
    assertThat(hook(url(), 5000, "guard").code()).isEqualTo(2);
    status.set(200);
    answer.set("{\"hookSpecificOutput\":{\"permissionDecision\":\"maybe\"}}");
    assertThat(hook(url(), 5000, "guard").code()).isEqualTo(2);
    answer.set("not json");
    assertThat(hook(url(), 5000, "guard").code()).isEqualTo(2);
    Files.delete(dir.resolve("run/token"));
    answer.set(ALLOW);
    Exit noToken = hook(url(), 20000, "guard");
    assertThat(noToken.code()).isEqualTo(2);
    assertThat(noToken.err()).contains("token");
  }

  @Test
  void anAnswerInTheShapeAnotherCliReadsBlocksTheCall() throws Exception {
    // A CLI lets a call run on an answer it does not read: each guard takes only its CLI's shape.
    String geminiDeny = "{\"decision\":\"deny\",\"reason\":\"no\"}";
    String geminiAllow = "{\"decision\":\"allow\"}";
    answer.set(ALLOW);
    assertThat(hook(url(), 5000, "guard-gemini").code()).isEqualTo(2);
    answer.set(HookGate.decision("deny", "no"));
    assertThat(hook(url(), 5000, "guard-gemini").code()).isEqualTo(2);
    answer.set(geminiDeny);
    assertThat(hook(url(), 5000, "guard").code()).isEqualTo(2);
    answer.set(geminiAllow);
    Exit allowed = hook(url(), 5000, "guard-gemini");
    assertThat(allowed.code()).isZero();
    assertThat(allowed.out()).isEqualTo(geminiAllow);
    answer.set(geminiDeny);
    Exit denied = hook(url(), 5000, "guard-gemini");
    assertThat(denied.code()).isZero();
    assertThat(denied.out()).isEqualTo(geminiDeny);
    assertThat(HookGate.decision(true, "defer", "later"))
        .as("Gemini CLI knows no defer: anything but allow is a denial")
        .isEqualTo("{\"decision\":\"deny\",\"reason\":\"later\"}");
  }

  @Test
  void anObservingHookNeverBlocks() throws Exception {
    status.set(500);
    Exit e = hook(url(), 5000, "observe");
    assertThat(e.code()).isZero();
    assertThat(new File(dir.toFile(), "run/hook.js")).exists();
  }
}
