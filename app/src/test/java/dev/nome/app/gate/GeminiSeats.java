package dev.nome.app.gate;

import dev.nome.runner.seats.GeminiSeat;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.testing.WebClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * The real Gemini CLI (installed by {@code ./test}) for seat tests, signed in as a user would: an
 * API key in {@code ~/.gemini/.env} and that sign-in chosen in {@code ~/.gemini/settings.json}.
 */
final class GeminiSeats {

  private GeminiSeats() {}

  static Path gemini() {
    String dir = System.getProperty("nome.test.providerClis", "");
    return Path.of(dir.isEmpty() ? "." : dir, "gemini");
  }

  /** A Gemini API key shape with a random body. */
  static String geminiKey() {
    SecureRandom r = new SecureRandom();
    StringBuilder s = new StringBuilder("AIza");
    for (int i = 0; i < 35; i++) {
      s.append(ClaudeSeatEndToEndTest.ALPHABET.charAt(r.nextInt(62)));
    }
    return s.toString();
  }

  /**
   * A folder for one test, under the system temp folder (which anyone may write to): the run's
   * Gemini home works wherever NOME's folder is, root's or not.
   */
  static Path scratchDir() throws IOException {
    return Files.createTempDirectory("nome-seat-").toRealPath();
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Signs Gemini CLI in under {@code home} with {@code key}, as its documentation says, with a
   * model chosen (Gemini CLI's automatic choice asks a model first, which a scripted server cannot
   * answer).
   */
  static void signIn(Path home, String key) throws IOException {
    Files.createDirectories(home.resolve(".gemini"));
    Files.writeString(home.resolve(".gemini/.env"), "GEMINI_API_KEY=" + key + "\n");
    Files.writeString(
        home.resolve(".gemini/settings.json"),
        "{\"security\":{\"auth\":{\"selectedType\":\"gemini-api-key\"}},"
            + "\"model\":{\"name\":\"gemini-2.5-pro\"}}\n");
  }

  static GeminiSeat.Settings settings(
      ScriptedModelServer model, Path node, Path home, Duration runTimeout, int hookTimeout) {
    return new GeminiSeat.Settings(
        gemini(),
        node,
        home,
        runTimeout,
        hookTimeout,
        Optional.of(URI.create(model.anthropicBaseUrl().toString().replaceAll("/$", ""))),
        Optional.of("gemini-2.5-pro"),
        home.resolve(".gemini"),
        "gemini-api-key");
  }

  /** A Gemini CLI tool call as the Gemini API carries it (ids are the CLI's own). */
  static String call(String id, String name, String argsJson) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"input\":" + argsJson + "}";
  }

  static String shell(String id, String command) {
    return call(
        id, "run_shell_command", "{\"command\":" + WebClient.JSON.valueToTree(command) + "}");
  }
}
