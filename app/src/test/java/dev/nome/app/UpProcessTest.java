package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nome up} as a real process: serves, refuses a second instance, stops cleanly. */
class UpProcessTest {

  static Process startUp(Path dataDir) throws IOException {
    return startUp(dataDir, dataDir.resolve("host-home"));
  }

  /** Starts {@code nome up} with its host folder (NOME_HOME) in {@code nomeHome}. */
  static Process startUp(Path dataDir, Path nomeHome) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "up",
                    "--port",
                    "0",
                    "--data-dir",
                    dataDir.toString()))
            .redirectErrorStream(true);
    pb.environment().put("NOME_HOME", nomeHome.toString());
    return pb.start();
  }

  /** Reads lines until the URL line; the process prints it once it is serving. */
  static URI awaitUrl(BufferedReader out) throws IOException {
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith("NOME control plane: ")) {
        return URI.create(line.substring("NOME control plane: ".length()).strip());
      }
    }
    throw new AssertionError("nome up ended before serving:\n" + seen);
  }

  @Test
  void servesRefusesASecondInstanceAndStopsCleanlyOnSignal(@TempDir Path dataDir) throws Exception {
    Process first = startUp(dataDir);
    try {
      var out =
          new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
      URI url = awaitUrl(out);
      var health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url.resolve("/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"");

      Process second = startUp(dataDir);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String secondOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(second.exitValue()).isEqualTo(1);
      assertThat(secondOut).contains("already running").contains(dataDir.toString());

      // SIGTERM takes the same shutdown path as Ctrl-C (SIGINT).
      first.destroy();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly();
    }
    // The lock and the database were released: a new instance starts on the same data.
    Process third = startUp(dataDir);
    try {
      var out =
          new BufferedReader(new InputStreamReader(third.getInputStream(), StandardCharsets.UTF_8));
      assertThat(awaitUrl(out).getPort()).isPositive();
    } finally {
      third.destroy();
      third.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
