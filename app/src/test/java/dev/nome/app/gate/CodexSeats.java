package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.runner.seats.CodexSeat;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.testing.WebClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real Codex CLI (installed by {@code ./test}) for seat tests, signed in as a user would. */
final class CodexSeats {

  private CodexSeats() {}

  static Path codex() {
    String dir = System.getProperty("nome.test.providerClis", "");
    return Path.of(dir.isEmpty() ? "." : dir, "codex");
  }

  /** An OpenAI project key shape with a random body: what the scripted server expects. */
  static String openAiKey() {
    SecureRandom r = new SecureRandom();
    StringBuilder s = new StringBuilder("sk-proj-");
    for (int i = 0; i < 48; i++) {
      s.append(ClaudeSeatEndToEndTest.ALPHABET.charAt(r.nextInt(62)));
    }
    return s.toString();
  }

  /**
   * Signs Codex in under {@code home} with {@code key}, the way a user does ({@code codex login
   * --with-api-key}, the key on stdin): the sign-in lands in {@code home/.codex/auth.json}.
   */
  static void signIn(Path home, String key) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(codex().toString(), "login", "--with-api-key")
            .directory(home.toFile())
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment()
        .putAll(Map.of("HOME", home.toString(), "PATH", "/usr/local/bin:/usr/bin:/bin"));
    Process p = pb.start();
    p.getOutputStream().write((key + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(said).isZero();
  }

  /** Codex pointed at the scripted server's Responses API, with the user's sign-in under home. */
  static CodexSeat.Settings settings(
      ScriptedModelServer model, Path node, Path home, Duration runTimeout, int hookTimeout) {
    return new CodexSeat.Settings(
        codex(),
        node,
        home.resolve(".codex"),
        runTimeout,
        hookTimeout,
        Optional.of(URI.create(model.openAiBaseUrl().toString())),
        Optional.empty());
  }

  /** A Codex shell call as the Responses API carries it: the function {@code exec_command}. */
  static String shell(String id, String command) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"exec_command\",\"input\":{\"cmd\":"
        + WebClient.JSON.valueToTree(command)
        + "}}";
  }
}
