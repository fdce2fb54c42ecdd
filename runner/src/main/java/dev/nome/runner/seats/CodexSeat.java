package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.route.StopReason;
import dev.nome.runner.gate.ToolRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Codex CLI run headless for one seat run: {@code codex exec --json} in a {@code workspace-write}
 * sandbox, with a Codex home made for this run only ({@code CODEX_HOME}). That home holds NOME's
 * configuration and hooks, the hooks recorded as trusted (Codex skips hooks it does not trust, so
 * NOME asks Codex itself for their hashes and checks they are trusted before anything runs), and a
 * link named {@code auth.json} to the sign-in file of the user's own Codex home: Codex reaches the
 * sign-in through it the way it reaches its own home's; NOME creates the link and never opens the
 * file (P3). The user's {@code ~/.codex} is otherwise left alone, and the workspace's own Codex
 * configuration stays disabled, as it does for any folder Codex was never told to trust.
 *
 * <p>Codex honours only a hook's {@code deny}: a call that waits for a person is denied with word
 * that it waits, and after the decision the run resumes ({@code codex exec resume}) with a message
 * saying what was decided; when the model makes the same call again, the decision answers it. Every
 * {@code command_execution} in the stream must match a call the gate admitted, or the run fails; a
 * signed-out Codex retries for ever, so every run is bounded by its timeout.
 */
public final class CodexSeat implements SeatCli {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AUTH_FAILURE =
      Pattern.compile(
          "\\b(401|403)\\b|unauthori[sz]ed|forbidden|not logged in|invalid_api_key",
          Pattern.CASE_INSENSITIVE);

  /**
   * @param codex the CLI's executable
   * @param node the Node.js that runs the hook script
   * @param userCodexHome the user's own Codex home ({@code $CODEX_HOME} or {@code ~/.codex}), whose
   *     {@code auth.json} the run's home links to
   * @param runTimeout the most the whole run may take
   * @param hookTimeoutSeconds the hooks' timeout as Codex applies it; the hook script gives up
   *     (blocking the call) 3 seconds before
   * @param endpoint a Responses API endpoint to use instead of OpenAI's (with the same sign-in)
   * @param model the model to ask for, when the user chose one (the user's own Codex configuration
   *     does not apply to a seat run)
   */
  public record Settings(
      Path codex,
      Path node,
      Path userCodexHome,
      Duration runTimeout,
      int hookTimeoutSeconds,
      Optional<URI> endpoint,
      Optional<String> model) {
    public Settings {
      SeatHooks.checkTimeout(hookTimeoutSeconds);
    }
  }

  private final Settings settings;

  public CodexSeat(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "Codex CLI";
  }

  @Override
  public ToolMap tools() {
    return ToolMap.codex();
  }

  @Override
  public Duration runTimeout() {
    return settings.runTimeout();
  }

  static Path home(Path runDir) {
    return runDir.resolve("codex-home");
  }

  @Override
  public void prepare(Path runDir, Path workspace, HookGate hooks, Map<String, String> environment)
      throws IOException, InterruptedException {
    ClaudeSeat.prepare(runDir, hooks.token());
    Path home = home(runDir);
    if (!Files.exists(home)) {
      Files.createDirectory(
          home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.writeString(home.resolve("hooks.json"), hooksJson(runDir, hooks));
    Files.writeString(home.resolve("config.toml"), config());
    Path auth = home.resolve("auth.json");
    Files.deleteIfExists(auth);
    // A link, not a copy: Codex reads (and refreshes) the sign-in where the user keeps it.
    Files.createSymbolicLink(auth, settings.userCodexHome().resolve("auth.json"));
    Map<String, String> env = environment(environment, runDir);
    CodexHookTrust.trust(settings.codex(), env, home, runDir);
    CliProcess.Ended status =
        CliProcess.run(
            List.of(settings.codex().toString(), "login", "status"),
            runDir,
            env,
            SeatProbe.TIMEOUT,
            () -> false,
            line -> {});
    if (status.exit() != 0) {
      throw new SeatRefused(
          StopReason.SEAT_SIGNED_OUT,
          "Codex CLI reports no sign-in reachable from this run's Codex home: NOME links the"
              + " sign-in file (auth.json) of "
              + settings.userCodexHome()
              + " and never reads it, so a sign-in kept elsewhere (such as the system keyring)"
              + " cannot be used; sign in with `codex login` and file storage");
    }
  }

  /** The run's environment: the filtered one, with the run's own Codex home. */
  private static Map<String, String> environment(Map<String, String> filtered, Path runDir) {
    Map<String, String> env = new HashMap<>(filtered);
    env.put("CODEX_HOME", home(runDir).toString());
    return Map.copyOf(env);
  }

  String hooksJson(Path runDir, HookGate hooks) {
    ObjectNode root = JSON.createObjectNode();
    root.set(
        "hooks",
        SeatHooks.hooks(
            settings.node(),
            runDir,
            hooks,
            settings.hookTimeoutSeconds(),
            1,
            SeatHooks.events("PreToolUse", "guard", "PostToolUse", "observe")));
    return root.toPrettyString();
  }

  String config() {
    StringBuilder toml = new StringBuilder();
    toml.append(
        "# NOME's configuration for one seat run; the user's own Codex home is not read.\n");
    toml.append("sandbox_mode = \"workspace-write\"\n");
    toml.append("approval_policy = \"never\"\n");
    toml.append("check_for_update_on_startup = false\n");
    settings
        .endpoint()
        .ifPresent(
            url -> {
              toml.append("model_provider = \"nome-endpoint\"\n\n");
              toml.append("[model_providers.nome-endpoint]\n");
              toml.append("name = \"Configured endpoint\"\n");
              toml.append("base_url = ").append(tomlString(url.toString())).append('\n');
              toml.append("wire_api = \"responses\"\n");
              toml.append("requires_openai_auth = true\n");
              toml.append("supports_websockets = false\n");
            });
    return toml.toString();
  }

  static String tomlString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
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
    List<String> cmd = new ArrayList<>(List.of(settings.codex().toString(), "exec"));
    if (resume.isPresent()) {
      cmd.addAll(List.of("resume", "--json", "--skip-git-repo-check"));
      settings.model().ifPresent(m -> cmd.addAll(List.of("-m", m)));
      cmd.add(resume.get());
      cmd.add(message.orElse("Go on."));
    } else {
      cmd.addAll(
          List.of(
              "--json",
              "--skip-git-repo-check",
              "-s",
              "workspace-write",
              "-C",
              workspace.toString()));
      settings.model().ifPresent(m -> cmd.addAll(List.of("-m", m)));
      cmd.add(task.orElseThrow());
    }
    Stream stream = new Stream();
    CliProcess.Ended ended =
        CliProcess.run(
            cmd,
            workspace,
            environment(environment, runDir),
            settings.runTimeout(),
            stopNow,
            stream::line);
    return stream.outcome(ended);
  }

  /** What {@code codex exec --json} says, line by line. */
  static final class Stream {
    private final Set<String> started = new HashSet<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> unhooked = new ArrayList<>();
    private boolean sawResult;
    private boolean failed;
    private boolean authFailed;
    private String threadId;
    private long in;
    private long out;
    private String result = "";

    synchronized void line(String line) {
      JsonNode j = CliProcess.jsonObject(line);
      if (j == null) {
        return;
      }
      switch (j.path("type").asText("")) {
        case "thread.started" -> threadId = j.path("thread_id").asText(null);
        case "item.started", "item.completed", "item.updated" -> item(j.path("item"));
        case "turn.completed" -> {
          sawResult = true;
          in += j.path("usage").path("input_tokens").asLong(0);
          out += j.path("usage").path("output_tokens").asLong(0);
        }
        case "turn.failed" -> {
          failed = true;
          error(j.path("error").path("message").asText(""));
        }
        case "error" -> error(j.path("message").asText(""));
        default -> {}
      }
    }

    private void item(JsonNode item) {
      String type = item.path("type").asText("");
      String id = item.path("id").asText("");
      switch (type) {
        case "command_execution" -> {
          if (started.add(id)) {
            commands.add(item.path("command").asText(""));
          }
        }
        case "agent_message" -> result = item.path("text").asText("");
        case "file_change", "mcp_tool_call" -> {
          if (started.add(id)) {
            unhooked.add(type);
          }
        }
        default -> {}
      }
    }

    private void error(String message) {
      result = message;
      if (AUTH_FAILURE.matcher(message).find()) {
        authFailed = true;
      }
    }

    synchronized SeatOutcome outcome(CliProcess.Ended ended) {
      return new SeatOutcome(
          ended.exit(),
          ended.timedOut(),
          ended.stopped(),
          sawResult && !failed,
          failed,
          Set.of(),
          Set.of(),
          commands,
          unhooked,
          authFailed,
          Optional.ofNullable(threadId),
          in,
          out,
          result,
          Optional.empty());
    }
  }

  @Override
  public List<String> crossCheck(SeatOutcome o, HookGate.Tally t) {
    return check(o, t);
  }

  /**
   * Every command Codex reports it ran must be one the gate admitted (each admission covers one run
   * of its command); anything it did that no hook decides, and any result for a call the gate never
   * admitted, is a problem too.
   */
  static List<String> check(SeatOutcome o, HookGate.Tally t) {
    List<String> problems = new ArrayList<>();
    Admissions admitted = new Admissions(t.admittedCalls());
    for (String reported : o.commands()) {
      String command = CodexCommands.unwrap(reported);
      ToolRequest shell =
          new ToolRequest("", "shell", JSON.createObjectNode().put("command", command));
      if (!admitted.take(shell)) {
        problems.add("Codex ran a command the gate never admitted: " + command);
      }
    }
    for (String action : o.unhooked()) {
      problems.add("Codex did something no hook of NOME's decided (" + action + ")");
    }
    Admissions.unmatched(t, problems);
    return problems;
  }
}
