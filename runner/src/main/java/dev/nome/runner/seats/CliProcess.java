package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A provider CLI run as a child process: only the environment given (already filtered), stdin from
 * {@code /dev/null}, each line of its stdout handed on as it comes, stderr dropped (it may quote
 * anything). It is bounded: past {@code timeout}, or when {@code stopNow} says so, it and its
 * descendants are killed.
 */
final class CliProcess {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the process ended; {@code exit} is -1 when it had to be killed and would not die. */
  record Ended(int exit, boolean timedOut, boolean stopped) {}

  private CliProcess() {}

  /** Hands each line of the process's stdout to {@code line}, on a thread of its own. */
  static Thread readLines(Process p, Consumer<String> line) {
    return Thread.ofPlatform()
        .daemon()
        .name("nome-seat-stream")
        .start(
            () -> {
              try (var r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                  line.accept(l);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
  }

  /** One line of a CLI's JSON stream as an object; null when it is not one (it is skipped). */
  static JsonNode jsonObject(String line) {
    try {
      JsonNode j = JSON.readTree(line);
      return j != null && j.isObject() ? j : null;
    } catch (IOException e) {
      return null;
    }
  }

  static Ended run(
      List<String> command,
      Path dir,
      Map<String, String> environment,
      Duration timeout,
      BooleanSupplier stopNow,
      Consumer<String> line)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    Thread reader = readLines(p, line);
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean timedOut = false;
    boolean stopped = false;
    while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
      if (stopNow.getAsBoolean()) {
        stopped = true;
        break;
      }
      if (System.nanoTime() > deadline) {
        timedOut = true;
        break;
      }
    }
    if (p.isAlive()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return new Ended(p.isAlive() ? -1 : p.exitValue(), timedOut, stopped);
  }
}
