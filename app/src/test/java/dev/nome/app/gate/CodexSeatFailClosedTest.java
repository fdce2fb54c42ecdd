package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.route.StopReason;
import dev.nome.runner.approvals.ApprovalDecision;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.seats.CodexSeat;
import dev.nome.runner.seats.EnvironmentFilter;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Codex seat fails closed: Codex lets a call run unless a hook denies it, so a gate that dies
 * mid-run or answers too late must still end in the call being blocked; a seat whose sign-in the
 * run cannot reach never starts; and a Codex that hangs (as a signed-out one does, retrying for
 * ever) is stopped at the run's timeout.
 */
class CodexSeatFailClosedTest {

  @TempDir Path dir;
  Path ws;
  Path home;
  Path runDir;
  Map<String, String> env;
  String key;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isExecutable(CodexSeats.codex()), "Codex is installed by ./test");
    ws = Files.createDirectories(dir.resolve("workspace")).toRealPath();
    home = Files.createDirectories(dir.resolve("home"));
    runDir = dir.resolve("nome/seats/run-1");
    env =
        Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8");
    key = CodexSeats.openAiKey();
  }

  static List<ScriptedTurn> commands(String... commands) {
    StringBuilder s = new StringBuilder("{\"turns\":[");
    for (int i = 0; i < commands.length; i++) {
      s.append("{\"toolCalls\":[").append(CodexSeats.shell("call_" + i, commands[i])).append("]},");
    }
    return ScriptedTurn.parse(s.append("{\"text\":\"Done.\"}]}").toString());
  }

  CodexSeat codex(ScriptedModelServer model, Duration timeout, int hookTimeout) {
    return new CodexSeat(
        CodexSeats.settings(
            model, SeatProbe.find("node", env).orElseThrow(), home, timeout, hookTimeout));
  }

  SeatOutcome run(CodexSeat codex, HookGate hooks) throws Exception {
    Map<String, String> filtered = EnvironmentFilter.standard().apply(env).environment();
    codex.prepare(runDir, ws, hooks, filtered);
    return codex.run(
        ws,
        filtered,
        Optional.of("do it"),
        Optional.empty(),
        Optional.empty(),
        hooks,
        runDir,
        () -> false);
  }

  HookGate hooks(List<ChainedReceipt> receipts, Approvals approvals) throws Exception {
    return HookGate.start(
        ClaudeSeatFailClosedTest.localGate(ws, receipts, approvals),
        null,
        ToolMap.codex(),
        HookGate.Pause.DENY_AND_RETRY,
        r -> {});
  }

  @Test
  void whenTheGateDiesMidRunTheNextCommandIsBlocked() throws Exception {
    CodexSeats.signIn(home, key);
    try (ScriptedModelServer model =
        ScriptedModelServer.start(key, commands("touch one.txt", "touch two.txt"))) {
      List<ChainedReceipt> receipts = new CopyOnWriteArrayList<>();
      HookGate hooks = hooks(receipts, ask -> null);
      // The gate dies once the first command is done: when Codex asks the model for its next turn.
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
      CodexSeat codex = codex(model, Duration.ofMinutes(2), 30);
      SeatOutcome o = run(codex, hooks);
      killer.join();
      hooks.close();
      assertThat(ws.resolve("one.txt")).exists();
      assertThat(ws.resolve("two.txt")).as("no gate, no command").doesNotExist();
      assertThat(o.commands()).hasSize(1);
      assertThat(model.received().get(2).body()).contains("blocked").contains("NOME gate");
      assertThat(codex.crossCheck(o, hooks.tally())).isEmpty();
    }
  }

  @Test
  void aHookSlowerThanItsTimeoutBlocksTheCommand() throws Exception {
    CodexSeats.signIn(home, key);
    CountDownLatch never = new CountDownLatch(1);
    Approvals slow =
        ask -> {
          never.await(); // a person who never answers, and a gate that outlives the hook
          return new ApprovalDecision(
              "r", ApprovalDecision.Outcome.APPROVED, Optional.empty(), Optional.empty());
        };
    try (ScriptedModelServer model =
            ScriptedModelServer.start(
                key, commands("git push --force origin main 2>/dev/null; touch ran.txt"));
        HookGate hooks = hooks(new CopyOnWriteArrayList<>(), slow)) {
      long t0 = System.nanoTime();
      SeatOutcome o = run(codex(model, Duration.ofMinutes(2), 5), hooks);
      assertThat(ws.resolve("ran.txt")).doesNotExist();
      assertThat(o.commands()).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
    } finally {
      never.countDown();
    }
  }

  @Test
  void aSignInTheRunCannotReachRefusesTheSeat() throws Exception {
    // Nobody signed in under this home: the run's Codex home links to an auth.json that is not
    // there, and Codex says so before anything runs.
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"));
        HookGate hooks = hooks(new CopyOnWriteArrayList<>(), ask -> null)) {
      assertThatThrownBy(() -> run(codex(model, Duration.ofMinutes(1), 30), hooks))
          .isInstanceOfSatisfying(
              SeatCli.SeatRefused.class,
              e -> assertThat(e.reason()).isEqualTo(StopReason.SEAT_SIGNED_OUT));
      assertThat(model.received()).isEmpty();
      assertThat(ws.resolve("ran.txt")).doesNotExist();
    }
  }

  @Test
  void aCodexThatHangsIsStoppedAtTheRunTimeout() throws Exception {
    CodexSeats.signIn(home, key);
    List<ScriptedTurn> stall = ScriptedTurn.parse("{\"turns\":[{\"stallMillis\":120000}]}");
    try (ScriptedModelServer model = ScriptedModelServer.start(key, stall);
        HookGate hooks = hooks(new CopyOnWriteArrayList<>(), ask -> null)) {
      long t0 = System.nanoTime();
      SeatOutcome o = run(codex(model, Duration.ofSeconds(4), 30), hooks);
      assertThat(o.timedOut()).isTrue();
      assertThat(o.sawResult()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(40));
    }
  }
}
