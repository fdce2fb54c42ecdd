package dev.nome.app.gate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nome.runner.seats.SeatProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One test's folders for a seat CLI, signed in as a user would be: a workspace and a home under a
 * scratch folder in the world-writable temp folder (see {@link GeminiSeats#scratchDir}), the
 * runner's environment, and the provider key the scripted model expects. Skips the test when the
 * CLI is not installed.
 */
record SeatScratch(Path dir, Path ws, Path home, Map<String, String> env, String key)
    implements AutoCloseable {

  static SeatScratch open(String cli) throws Exception {
    assumeTrue(Files.isExecutable(Seats.executable(cli)), cli + " is installed by ./test");
    Path dir = Seats.scratchDir();
    Path ws = Files.createDirectories(dir.resolve("workspace")).toRealPath();
    Path home = Files.createDirectories(dir.resolve("home"));
    String key = Seats.key(cli);
    Seats.signIn(cli, home, key);
    return new SeatScratch(dir, ws, home, SeatRunFixture.environment(home), key);
  }

  /** The node the seat's hook runs with, as the runner finds it. */
  Path node() {
    return SeatProbe.find("node", env).orElseThrow();
  }

  @Override
  public void close() throws IOException {
    Seats.delete(dir);
  }
}
