package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Claude Code run headless for one seat run: {@code claude -p TASK --output-format stream-json
 * --verbose}, with NOME's hooks given for this run only ({@code --settings}) and {@code
 * --setting-sources ""}, so neither the repository's own {@code .claude/settings.json} nor any
 * other settings file adds hooks or permissions. No bypass permission mode is ever used: in {@code
 * -p} mode a call that no hook allows is denied.
 *
 * <p>Every tool call goes through NOME's PreToolUse hook ({@code hook.js}, which blocks the call on
 * any failure of its own) to the run's {@link HookGate}; PostToolUse feeds the result. The stream
 * is read for the cross-check (every {@code tool_use} decided by the gate, the CLI's {@code
 * permission_denials} exactly the gate's refusals) and for an authentication failure. NOME reads
 * nothing of the CLI's own configuration: the sign-in stays where the CLI keeps it.
 */
public final class ClaudeSeat {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param claude the CLI's executable
   * @param node the Node.js that runs the hook script (Claude Code's own runtime)
   * @param runTimeout the most the whole run may take; past it the CLI is stopped
   * @param hookTimeoutSeconds the hooks' timeout as Claude Code applies it; the hook script gives
   *     up (blocking the call) 3 seconds before
   * @param settingsEnv environment the run's settings give the CLI (for a provider endpoint the
   *     user configured; empty by default)
   */
  public record Settings(
      Path claude,
      Path node,
      Duration runTimeout,
      int hookTimeoutSeconds,
      Map<String, String> settingsEnv) {
    public Settings {
      settingsEnv = Map.copyOf(settingsEnv);
      SeatHooks.checkTimeout(hookTimeoutSeconds);
    }
  }

  private ClaudeSeat() {}

  /** Claude Code as a seat run drives it, with these settings. */
  public static SeatCli cli(Settings settings) {
    return new SeatCli() {
      @Override
      public String name() {
        return "Claude Code";
      }

      @Override
      public ToolMap tools() {
        return ToolMap.claude();
      }

      @Override
      public HookGate.Pause pause() {
        return HookGate.Pause.DEFER;
      }

      @Override
      public Optional<String> resumeMessage(List<SeatApprovals.Answer> answers) {
        return Optional.empty(); // resumed, Claude Code asks about the paused call again
      }

      @Override
      public void prepare(
          Path runDir, Path workspace, HookGate hooks, Map<String, String> environment)
          throws IOException {
        ClaudeSeat.prepare(runDir, hooks.token());
      }

      @Override
      public SeatOutcome run(
          Path workspace,
          Map<String, String> environment,
          Optional<String> task,
          Optional<String> resume,
          Optional<String> message,
          HookGate hooks,
          Path runDir,
          BooleanSupplier stopNow)
          throws IOException, InterruptedException {
        return ClaudeSeat.run(
            settings, workspace, task, resume, environment, hooks, runDir, stopNow);
      }

      @Override
      public List<String> crossCheck(SeatOutcome o, HookGate.Tally t) {
        return ClaudeSeat.crossCheck(o, t);
      }

      @Override
      public Duration runTimeout() {
        return settings.runTimeout();
      }
    };
  }

  /** The run's folder: the hook script and the gate token, readable by this user only. */
  public static void prepare(Path runDir, String token) throws IOException {
    Files.createDirectories(runDir.getParent());
    if (!Files.exists(runDir)) {
      Files.createDirectory(
          runDir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    try (InputStream in = ClaudeSeat.class.getResourceAsStream("hook.js")) {
      if (in == null) {
        throw new IOException("the hook script is missing from this build");
      }
      Files.write(runDir.resolve("hook.js"), in.readAllBytes());
    }
    Path tokenFile = runDir.resolve("token");
    Files.deleteIfExists(tokenFile);
    Files.createFile(
        tokenFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tokenFile, token);
  }

  /**
   * The command that runs NOME's hook script in {@code mode} ({@code guard} or {@code observe}).
   */
  static String hookCommand(Path node, Path runDir, HookGate gate, int budgetMs, String mode) {
    return String.join(
        " ",
        quote(node.toString()),
        quote(runDir.resolve("hook.js").toString()),
        quote(gate.url().toString()),
        quote(runDir.resolve("token").toString()),
        Integer.toString(budgetMs),
        mode);
  }

  /** The settings of this run only: NOME's hooks, and the configured environment if any. */
  static String settings(Settings s, Path runDir, HookGate gate) {
    ObjectNode root = JSON.createObjectNode();
    root.set(
        "hooks",
        SeatHooks.hooks(
            s.node(),
            runDir,
            gate,
            s.hookTimeoutSeconds(),
            1,
            SeatHooks.events("PreToolUse", "guard", "PostToolUse", "observe")));
    if (!s.settingsEnv().isEmpty()) {
      ObjectNode env = root.putObject("env");
      s.settingsEnv().forEach(env::put);
    }
    return root.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Runs the CLI: with the task, or resuming {@code resume} (a session the CLI paused on a deferred
   * call; with the same settings, the CLI asks the hooks about that call again).
   */
  public static SeatOutcome run(
      Settings s,
      Path workspace,
      Optional<String> task,
      Optional<String> resume,
      Map<String, String> environment,
      HookGate gate,
      Path runDir,
      BooleanSupplier stopNow)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(s.claude().toString(), "-p"));
    if (resume.isPresent()) {
      cmd.addAll(List.of("--resume", resume.get()));
    } else {
      cmd.add(task.orElseThrow());
    }
    cmd.addAll(
        List.of(
            "--output-format",
            "stream-json",
            "--verbose",
            "--setting-sources",
            "",
            "--settings",
            settings(s, runDir, gate)));
    Stream stream = new Stream();
    CliProcess.Ended ended =
        CliProcess.run(cmd, workspace, environment, s.runTimeout(), stopNow, stream::line);
    return stream.outcome(ended.exit(), ended.timedOut(), ended.stopped());
  }

  /** What the stream-json output says, line by line. */
  static final class Stream {
    private final Set<String> toolUses = new HashSet<>();
    private final Set<String> denials = new HashSet<>();
    private boolean authFailed;
    private boolean sawResult;
    private boolean isError;
    private String sessionId;
    private long in;
    private long out;
    private String result = "";
    private String deferred;

    synchronized void line(String line) {
      JsonNode j = CliProcess.jsonObject(line);
      if (j == null) {
        return;
      }
      switch (j.path("type").asText("")) {
        case "assistant" -> {
          if (j.path("error").asText("").equals("authentication_failed")) {
            authFailed = true;
          }
          for (JsonNode block : j.path("message").path("content")) {
            if (block.path("type").asText("").equals("tool_use")) {
              toolUses.add(block.path("id").asText(""));
            }
          }
        }
        case "result" -> {
          sawResult = true;
          isError = j.path("is_error").asBoolean(true);
          int status = j.path("api_error_status").asInt(0);
          if (status == 401 || status == 403) {
            authFailed = true;
          }
          for (JsonNode d : j.path("permission_denials")) {
            denials.add(d.path("tool_use_id").asText(""));
          }
          in = j.path("usage").path("input_tokens").asLong(0);
          out = j.path("usage").path("output_tokens").asLong(0);
          String sid = j.path("session_id").asText("");
          sessionId = sid.isEmpty() ? null : sid;
          result = j.path("result").asText("");
          String paused = j.path("deferred_tool_use").path("id").asText("");
          deferred =
              j.path("stop_reason").asText("").equals("tool_deferred") && !paused.isEmpty()
                  ? paused
                  : null;
        }
        default -> {}
      }
    }

    synchronized SeatOutcome outcome(int exit, boolean timedOut, boolean stopped) {
      return new SeatOutcome(
          exit,
          timedOut,
          stopped,
          sawResult,
          isError,
          toolUses,
          denials,
          List.of(),
          List.of(),
          authFailed,
          Optional.ofNullable(sessionId),
          in,
          out,
          result,
          Optional.ofNullable(deferred));
    }
  }

  /** Lists the problems of a run whose stream and gate disagree; empty when they agree. */
  public static List<String> crossCheck(SeatOutcome o, HookGate.Tally t) {
    List<String> problems = new ArrayList<>();
    for (String id : o.toolUses()) {
      if (!t.admitted().contains(id) && !t.refused().contains(id) && !t.deferred().contains(id)) {
        problems.add("the tool call " + id + " was never decided by the gate");
      }
    }
    for (String id : o.denials()) {
      if (!t.refused().contains(id)) {
        problems.add("the CLI reports a denial of " + id + " that the gate did not make");
      }
    }
    for (String id : t.refused()) {
      if (o.toolUses().contains(id) && !o.denials().contains(id)) {
        problems.add("the gate refused " + id + " but the CLI does not list it as denied");
      }
    }
    Admissions.unmatched(t, problems);
    return problems;
  }
}
