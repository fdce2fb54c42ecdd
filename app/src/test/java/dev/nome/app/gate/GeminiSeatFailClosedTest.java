package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.runner.approvals.ApprovalDecision;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.seats.EnvironmentFilter;
import dev.nome.runner.seats.GeminiSeat;
import dev.nome.runner.seats.HookGate;
import dev.nome.runner.seats.SeatCli;
import dev.nome.runner.seats.SeatOutcome;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.runner.seats.ToolMap;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Gemini CLI seat fails closed: Gemini CLI lets a call run unless a hook denies it, so a gate
 * that dies mid-run or answers too late must still end in the call being blocked; a credential file
 * Gemini CLI would read in place of the user's sign-in, or workspace settings that run code outside
 * the gate, stop the run before anything runs; a signed-out Gemini CLI is an authentication
 * failure.
 */
class GeminiSeatFailClosedTest {

  Path dir;
  Path ws;
  Path home;
  Path runDir;
  Map<String, String> env;
  String key;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isExecutable(GeminiSeats.gemini()), "Gemini CLI is installed by ./test");
    dir = GeminiSeats.privateDir();
    ws = Files.createDirectories(dir.resolve("workspace"));
    home = Files.createDirectories(dir.resolve("home"));
    runDir = dir.resolve("nome/seats/run-1");
    env =
        Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8");
    key = GeminiSeats.geminiKey();
  }

  @AfterEach
  void tearDown() throws Exception {
    GeminiSeats.delete(dir);
  }

  static List<ScriptedTurn> commands(String... commands) {
    StringBuilder s = new StringBuilder("{\"turns\":[");
    for (int i = 0; i < commands.length; i++) {
      s.append("{\"toolCalls\":[").append(GeminiSeats.shell("c" + i, commands[i])).append("]},");
    }
    return ScriptedTurn.parse(s.append("{\"text\":\"Done.\"}]}").toString());
  }

  GeminiSeat gemini(ScriptedModelServer model, int hookTimeout) {
    return new GeminiSeat(
        GeminiSeats.settings(
            model,
            SeatProbe.find("node", env).orElseThrow(),
            home,
            Duration.ofMinutes(2),
            hookTimeout));
  }

  SeatOutcome run(GeminiSeat gemini, HookGate hooks) throws Exception {
    Map<String, String> filtered = EnvironmentFilter.standard().apply(env).environment();
    gemini.prepare(runDir, ws, hooks, filtered);
    return gemini.run(
        ws,
        filtered,
        Optional.of("do it"),
        Optional.empty(),
        Optional.empty(),
        hooks,
        runDir,
        () -> false);
  }

  HookGate hooks(Approvals approvals) throws Exception {
    List<ChainedReceipt> receipts = new CopyOnWriteArrayList<>();
    return HookGate.start(
        ClaudeSeatFailClosedTest.localGate(ws, receipts, approvals),
        null,
        ToolMap.gemini(),
        HookGate.Pause.DENY_AND_RETRY,
        r -> {});
  }

  @Test
  void whenTheGateDiesMidRunTheNextCallIsBlocked() throws Exception {
    GeminiSeats.signIn(home, key);
    try (ScriptedModelServer model =
        ScriptedModelServer.start(key, commands("touch one.txt", "touch two.txt"))) {
      HookGate hooks = hooks(ask -> null);
      Thread killer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      if (model.awaitPlayed(2, Duration.ofSeconds(90))) {
                        hooks.close();
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      GeminiSeat gemini = gemini(model, 30);
      SeatOutcome o = run(gemini, hooks);
      killer.join();
      hooks.close();
      assertThat(ws.resolve("one.txt")).exists();
      assertThat(ws.resolve("two.txt")).as("no gate, no call").doesNotExist();
      assertThat(o.commands()).hasSize(1);
      assertThat(model.received().get(2).body()).contains("blocked").contains("NOME gate");
      assertThat(gemini.crossCheck(o, hooks.tally())).isEmpty();
    }
  }

  @Test
  void aHookSlowerThanItsTimeoutBlocksTheCall() throws Exception {
    GeminiSeats.signIn(home, key);
    CountDownLatch never = new CountDownLatch(1);
    Approvals slow =
        ask -> {
          never.await();
          return new ApprovalDecision(
              "r", ApprovalDecision.Outcome.APPROVED, Optional.empty(), Optional.empty());
        };
    try (ScriptedModelServer model =
            ScriptedModelServer.start(
                key, commands("git push --force origin main 2>/dev/null; touch ran.txt"));
        HookGate hooks = hooks(slow)) {
      long t0 = System.nanoTime();
      SeatOutcome o = run(gemini(model, 5), hooks);
      assertThat(ws.resolve("ran.txt")).doesNotExist();
      assertThat(o.commands()).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
    } finally {
      never.countDown();
    }
  }

  @Test
  void aCredentialFileGeminiWouldReadStopsTheRunBeforeAnythingRuns() throws Exception {
    GeminiSeats.signIn(home, key);
    Files.writeString(ws.resolve(".env"), "GEMINI_API_KEY=" + GeminiSeats.geminiKey() + "\n");
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"));
        HookGate hooks = hooks(ask -> null)) {
      assertThatThrownBy(() -> run(gemini(model, 30), hooks))
          .isInstanceOf(SeatCli.SeatRefused.class)
          .hasMessageContaining(ws.resolve(".env").toString());
      assertThat(model.received()).isEmpty();
    }
  }

  @Test
  void theWorkspacesOwnHooksStopTheRunBeforeAnythingRuns() throws Exception {
    GeminiSeats.signIn(home, key);
    Path marker = dir.resolve("repository-hook-ran");
    Files.createDirectories(ws.resolve(".gemini"));
    Files.writeString(
        ws.resolve(".gemini/settings.json"),
        "{\"hooks\":{\"BeforeTool\":[{\"matcher\":\"*\",\"hooks\":[{\"type\":\"command\","
            + "\"command\":\"touch "
            + marker
            + "\"}]}]}}");
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"));
        HookGate hooks = hooks(ask -> null)) {
      assertThatThrownBy(() -> run(gemini(model, 30), hooks))
          .isInstanceOf(SeatCli.SeatRefused.class)
          .hasMessageContaining("hooks");
      assertThat(model.received()).isEmpty();
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void aSignedOutGeminiIsAnAuthenticationFailure() throws Exception {
    // Nobody signed in under this home: Gemini CLI exits 41.
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"));
        HookGate hooks = hooks(ask -> null)) {
      SeatOutcome o = run(gemini(model, 30), hooks);
      assertThat(o.exit()).isEqualTo(41);
      assertThat(o.authFailed()).isTrue();
      assertThat(ws.resolve("ran.txt")).doesNotExist();
    }
  }
}
