package dev.nome.app.gate;

import dev.nome.runner.seats.ClaudeSeat;
import dev.nome.runner.seats.CodexSeat;
import dev.nome.runner.seats.GeminiSeat;
import dev.nome.runner.seats.HookGate;
import dev.nome.runner.seats.SeatCli;
import dev.nome.server.model.ScriptedModelServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The three seats' differences in one place, for tests that run the same story through each CLI:
 * its executable, the provider key shape, how a user signs in, how its model asks for a shell
 * command, how it waits for a person, and the seat pointed at the scripted model server.
 */
public final class Seats {

  public static final String[] ALL = {"claude", "codex", "gemini"};

  private Seats() {}

  /** A folder for one test (see {@link GeminiSeats#scratchDir}). */
  public static Path scratchDir() throws IOException {
    return GeminiSeats.scratchDir();
  }

  public static void delete(Path dir) throws IOException {
    GeminiSeats.delete(dir);
  }

  public static Path executable(String cli) {
    return switch (cli) {
      case "codex" -> CodexSeats.codex();
      case "gemini" -> GeminiSeats.gemini();
      default -> ClaudeSeatEndToEndTest.claude();
    };
  }

  /** A key of the shape the CLI's provider uses. */
  public static String key(String cli) {
    return switch (cli) {
      case "codex" -> CodexSeats.openAiKey();
      case "gemini" -> GeminiSeats.geminiKey();
      default -> ClaudeSeatEndToEndTest.anthropicKey();
    };
  }

  /** Signs the CLI in under {@code home} as a user does (Claude Code takes its key per run). */
  public static void signIn(String cli, Path home, String key)
      throws IOException, InterruptedException {
    switch (cli) {
      case "codex" -> CodexSeats.signIn(home, key);
      case "gemini" -> GeminiSeats.signIn(home, key);
      default -> {}
    }
  }

  /** A shell command as the CLI's model asks for it, in a scripted turn. */
  public static String shell(String cli, String id, String command) {
    return switch (cli) {
      case "codex" -> CodexSeats.shell(id, command);
      case "gemini" -> GeminiSeats.shell(id, command);
      default -> ClaudeSeatEndToEndTest.bash(id, command);
    };
  }

  /**
   * How the CLI waits for a person: Claude Code pauses on the call, the others honour only a denial
   * (the seat's own {@link SeatCli#pause()}, which tests check against this).
   */
  public static HookGate.Pause pause(String cli) {
    return cli.equals("claude") ? HookGate.Pause.DEFER : HookGate.Pause.DENY_AND_RETRY;
  }

  public static SeatCli seat(
      String cli,
      ScriptedModelServer model,
      String key,
      Path node,
      Path home,
      int hookTimeoutSeconds) {
    Duration timeout = Duration.ofMinutes(3);
    return switch (cli) {
      case "codex" ->
          new CodexSeat(CodexSeats.settings(model, node, home, timeout, hookTimeoutSeconds));
      case "gemini" ->
          new GeminiSeat(GeminiSeats.settings(model, node, home, timeout, hookTimeoutSeconds));
      default ->
          ClaudeSeat.cli(ClaudeSeatEndToEndTest.settings(model, key, node, hookTimeoutSeconds));
    };
  }
}
