package dev.nome.app.gate;

import dev.nome.runner.seats.ClaudeSeat;
import dev.nome.runner.seats.CodexSeat;
import dev.nome.runner.seats.GeminiSeat;
import dev.nome.runner.seats.SeatCli;
import dev.nome.server.model.ScriptedModelServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The three seats' differences in one place, for tests that run the same story through each CLI:
 * its executable, the provider key shape, how a user signs in, how its model asks for a shell
 * command, and the seat pointed at the scripted model server.
 */
final class Seats {

  static final String[] ALL = {"claude", "codex", "gemini"};

  private Seats() {}

  static Path executable(String cli) {
    return switch (cli) {
      case "codex" -> CodexSeats.codex();
      case "gemini" -> GeminiSeats.gemini();
      default -> ClaudeSeatEndToEndTest.claude();
    };
  }

  /** A key of the shape the CLI's provider uses. */
  static String key(String cli) {
    return switch (cli) {
      case "codex" -> CodexSeats.openAiKey();
      case "gemini" -> GeminiSeats.geminiKey();
      default -> ClaudeSeatEndToEndTest.anthropicKey();
    };
  }

  /** Signs the CLI in under {@code home} as a user does (Claude Code takes its key per run). */
  static void signIn(String cli, Path home, String key) throws IOException, InterruptedException {
    switch (cli) {
      case "codex" -> CodexSeats.signIn(home, key);
      case "gemini" -> GeminiSeats.signIn(home, key);
      default -> {}
    }
  }

  /** A shell command as the CLI's model asks for it, in a scripted turn. */
  static String shell(String cli, String id, String command) {
    return switch (cli) {
      case "codex" -> CodexSeats.shell(id, command);
      case "gemini" -> GeminiSeats.shell(id, command);
      default -> ClaudeSeatEndToEndTest.bash(id, command);
    };
  }

  static SeatCli seat(
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
