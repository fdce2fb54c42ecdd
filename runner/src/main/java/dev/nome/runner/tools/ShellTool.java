package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.runner.model.ToolSpec;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * shell: one command line run by {@code bash -c} in the workspace, with stdin empty, the filtered
 * environment (the runner's own secrets are not inherited, P4) and a time limit. The command runs
 * in a process group of its own ({@code setsid}), so at its time limit, and when it ends, the whole
 * group is killed: nothing it started in the background outlives the call.
 */
public final class ShellTool implements Tool {

  private static final String SETSID = "/usr/bin/setsid";

  /** How long output may keep arriving from leftovers after the shell itself exited. */
  private static final long DRAIN_MILLIS = 1_000;

  @Override
  public String name() {
    return "shell";
  }

  @Override
  public ToolSpec spec() {
    return new ToolSpec(
        name(),
        "Run a bash command line in the workspace directory. Output (stdout and stderr together)"
            + " is returned with the exit status.",
        Inputs.schema(Map.of("command", "the command line to run"), List.of("command")));
  }

  @Override
  public ToolOutput run(JsonNode input, Workspace ws) throws ToolException, InterruptedException {
    Inputs.requireObject(input);
    String command = Inputs.requiredText(input, "command");
    boolean grouped = Files.isExecutable(Path.of(SETSID));
    ProcessBuilder pb =
        grouped
            ? new ProcessBuilder(SETSID, "bash", "-c", command)
            : new ProcessBuilder("bash", "-c", command);
    pb.directory(ws.root().toFile());
    pb.environment().clear();
    pb.environment().putAll(ws.shellEnvironment());
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new ToolException("the shell could not be started: " + e.getMessage(), e);
    }
    int maxBytes = ws.limits().maxOutputChars() * 4;
    CompletableFuture<byte[]> output = new CompletableFuture<>();
    long[] dropped = new long[1];
    Thread.ofVirtual()
        .name("nome-shell-output")
        .start(() -> output.complete(readCapped(process.getInputStream(), maxBytes, dropped)));
    boolean finished;
    try {
      finished = process.waitFor(ws.limits().timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      killGroup(process, grouped);
      throw e;
    }
    if (!finished) {
      killGroup(process, grouped);
      process.waitFor(5, TimeUnit.SECONDS);
    }
    byte[] bytes;
    try {
      bytes = output.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // something it left running still holds the pipe
      killGroup(process, grouped);
      bytes = waitOutput(output);
    } catch (ExecutionException e) {
      bytes = new byte[0];
    }
    killGroup(process, grouped); // leftovers in the background end with the call
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (dropped[0] > 0) {
      text += "\n[output cut: " + dropped[0] + " more bytes not shown]";
    }
    text = Inputs.cap(text, ws.limits().maxOutputChars());
    if (!finished) {
      return new ToolOutput(
          text
              + "\n[killed: the command ran past its time limit of "
              + ws.limits().timeout().toSeconds()
              + " s]",
          false,
          OptionalInt.empty());
    }
    int exit = process.exitValue();
    return new ToolOutput(
        text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "[exit status " + exit + "]",
        exit == 0,
        OptionalInt.of(exit));
  }

  private static byte[] waitOutput(CompletableFuture<byte[]> output) throws InterruptedException {
    try {
      return output.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return new byte[0];
    }
  }

  /** Reads all of {@code in}, keeping at most {@code max} bytes and counting the rest. */
  static byte[] readCapped(InputStream in, int max, long[] dropped) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        int keep = Math.min(n, max - kept.size());
        if (keep > 0) {
          kept.write(buf, 0, keep);
        }
        dropped[0] += n - Math.max(keep, 0);
      }
    } catch (IOException e) {
      // the pipe closed under us (the group was killed): keep what arrived
    }
    return kept.toByteArray();
  }

  /** Kills the command's process group (or, without setsid, its descendants) and the shell. */
  static void killGroup(Process process, boolean grouped) {
    long pid = process.pid();
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    if (grouped) {
      try {
        Process kill =
            new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        kill.waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        // the group may be gone already
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    process.destroyForcibly();
  }
}
