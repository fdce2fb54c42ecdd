package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nome.core.route.StopReason;
import dev.nome.runner.seats.CodexSeat;
import dev.nome.runner.seats.SeatCli;
import dev.nome.runner.seats.SeatOutcome;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
  Map<String, String> env;
  String key;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isExecutable(CodexSeats.codex()), "Codex is installed by ./test");
    ws = Files.createDirectories(dir.resolve("workspace")).toRealPath();
    home = Files.createDirectories(dir.resolve("home"));
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

  @Test
  void aSignInTheRunCannotReachRefusesTheSeat() throws Exception {
    // Nobody signed in under this home: the run's Codex home links to an auth.json that is not
    // there, and Codex says so before anything runs.
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"))) {
      assertThatThrownBy(
              () -> SeatRunFixture.runAlone(codex(model, Duration.ofMinutes(1), 30), dir, ws, env))
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
    try (ScriptedModelServer model = ScriptedModelServer.start(key, stall)) {
      long t0 = System.nanoTime();
      SeatOutcome o =
          SeatRunFixture.runAlone(codex(model, Duration.ofSeconds(4), 30), dir, ws, env);
      assertThat(o.timedOut()).isTrue();
      assertThat(o.sawResult()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(40));
    }
  }
}
