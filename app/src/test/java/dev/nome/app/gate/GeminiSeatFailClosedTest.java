package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nome.runner.seats.GeminiSeat;
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
  Map<String, String> env;
  String key;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isExecutable(GeminiSeats.gemini()), "Gemini CLI is installed by ./test");
    dir = GeminiSeats.scratchDir();
    ws = Files.createDirectories(dir.resolve("workspace"));
    home = Files.createDirectories(dir.resolve("home"));
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

  @Test
  void aCredentialFileGeminiWouldReadStopsTheRunBeforeAnythingRuns() throws Exception {
    GeminiSeats.signIn(home, key);
    Files.writeString(ws.resolve(".env"), "GEMINI_API_KEY=" + GeminiSeats.geminiKey() + "\n");
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"))) {
      assertThatThrownBy(() -> SeatRunFixture.runAlone(gemini(model, 30), dir, ws, env))
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
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"))) {
      assertThatThrownBy(() -> SeatRunFixture.runAlone(gemini(model, 30), dir, ws, env))
          .isInstanceOf(SeatCli.SeatRefused.class)
          .hasMessageContaining("hooks");
      assertThat(model.received()).isEmpty();
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void aSignedOutGeminiIsAnAuthenticationFailure() throws Exception {
    // Nobody signed in under this home: Gemini CLI exits 41.
    try (ScriptedModelServer model = ScriptedModelServer.start(key, commands("touch ran.txt"))) {
      SeatOutcome o = SeatRunFixture.runAlone(gemini(model, 30), dir, ws, env);
      assertThat(o.exit()).isEqualTo(41);
      assertThat(o.authFailed()).isTrue();
      assertThat(ws.resolve("ran.txt")).doesNotExist();
    }
  }
}
