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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Gemini CLI run headless for one seat run: {@code gemini -p TASK -o stream-json}, with a Gemini
 * home made for this run ({@code GEMINI_CLI_HOME}). Its {@code .gemini/settings.json} is NOME's:
 * the {@code BeforeTool} and {@code AfterTool} hooks and the user's sign-in type; the files that
 * hold the sign-in ({@code oauth_creds.json}, {@code .env}, …) are links to the user's own Gemini
 * folder, which Gemini CLI reads through them and NOME never opens (P3). The user's own settings
 * (and so their hooks, MCP servers and model choice) do not apply to a seat run. Gemini CLI has no
 * way to ask a person in headless mode, so it runs with {@code --approval-mode yolo} and NOME's
 * hook is the one gate; it runs headless only in a trusted folder, so {@code --skip-trust} trusts
 * the workspace for this run.
 *
 * <p>Because of that, the run does not start when the workspace's own {@code .gemini/settings.json}
 * brings hooks, MCP servers or tool commands (code Gemini CLI would run outside the gate), or when
 * the workspace or a folder above it holds a {@code .env} or {@code .gemini/.env}, which Gemini CLI
 * reads for credentials in place of the user's sign-in. NOME checks only that these files exist.
 *
 * <p>Like Codex, Gemini CLI honours only a denial: a call that waits for a person is denied with
 * word that it waits, and the run resumes ({@code --resume SESSION}) with what was decided.
 */
public final class GeminiSeat implements SeatCli {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AUTH_FAILURE =
      Pattern.compile(
          "\\b(401|403)\\b|unauthenticated|permission_denied|api key not valid",
          Pattern.CASE_INSENSITIVE);

  /** Gemini CLI's exit code when it has no usable sign-in. */
  static final int EXIT_AUTH = 41;

  /** What the workspace's own settings may not bring: each runs code outside the gate. */
  private static final List<String> UNSAFE_SETTINGS =
      List.of(
          "/hooks", "/hooksConfig", "/mcpServers", "/tools/discoveryCommand", "/tools/callCommand");

  /**
   * @param gemini the CLI's executable
   * @param node the Node.js that runs the hook script
   * @param home the user's home: its own {@code .env} and {@code .gemini/.env} are the user's
   *     sign-in, not the workspace's
   * @param runTimeout the most the whole run may take
   * @param hookTimeoutSeconds the hooks' timeout as Gemini CLI applies it; the hook script gives up
   *     (blocking the call) 3 seconds before
   * @param endpoint a Gemini API endpoint to use instead of Google's (with the same sign-in)
   * @param model the model to ask for, when the user chose one
   * @param userGeminiDir the user's own Gemini CLI folder ({@code ~/.gemini}), whose sign-in files
   *     the run's Gemini home links to
   * @param signIn how the user signs in to Gemini CLI, as its settings name it ({@code
   *     oauth-personal}, {@code gemini-api-key}, {@code vertex-ai}); NOME does not read the user's
   *     settings to find out
   */
  public record Settings(
      Path gemini,
      Path node,
      Path home,
      Duration runTimeout,
      int hookTimeoutSeconds,
      Optional<URI> endpoint,
      Optional<String> model,
      Path userGeminiDir,
      String signIn) {
    public Settings {
      SeatHooks.checkTimeout(hookTimeoutSeconds);
      if (!SIGN_INS.contains(signIn)) {
        throw new IllegalArgumentException(
            "unknown Gemini CLI sign-in '" + signIn + "': use one of " + SIGN_INS);
      }
    }
  }

  /** Gemini CLI's sign-in types, as its settings name them. */
  public static final List<String> SIGN_INS =
      List.of("oauth-personal", "gemini-api-key", "vertex-ai", "compute-default-credentials");

  /**
   * The files of the user's Gemini CLI folder that hold or locate the sign-in, linked into the
   * run's Gemini home (a missing one is a link to nothing, which Gemini CLI treats as absent).
   */
  static final List<String> SIGN_IN_FILES =
      List.of("oauth_creds.json", "google_accounts.json", ".env", "gemini-credentials.json");

  private final Settings settings;

  public GeminiSeat(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "Gemini CLI";
  }

  @Override
  public ToolMap tools() {
    return ToolMap.gemini();
  }

  @Override
  public Duration runTimeout() {
    return settings.runTimeout();
  }

  /** The run's own Gemini home ({@code GEMINI_CLI_HOME}); its {@code .gemini} holds NOME's. */
  static Path home(Path runDir) {
    return runDir.resolve("gemini-home");
  }

  static Path settingsFile(Path runDir) {
    return home(runDir).resolve(".gemini").resolve("settings.json");
  }

  @Override
  public void prepare(Path runDir, Path workspace, HookGate hooks, Map<String, String> environment)
      throws IOException {
    Optional<Path> envFile = credentialEnvFile(workspace, settings.home());
    if (envFile.isPresent()) {
      throw new SeatRefused(
          StopReason.INTERNAL_ERROR,
          envFile.get()
              + " would be read by Gemini CLI for credentials in place of your sign-in; move it"
              + " out of the workspace and the folders above it, or use another route");
    }
    Optional<String> unsafe = unsafeWorkspaceSettings(workspace);
    if (unsafe.isPresent()) {
      throw new SeatRefused(StopReason.INTERNAL_ERROR, unsafe.get());
    }
    ClaudeSeat.prepare(runDir, hooks.token());
    Path dir = settingsFile(runDir).getParent();
    var privateDir =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    for (Path d : List.of(home(runDir), dir)) {
      if (!Files.exists(d)) {
        Files.createDirectory(d, privateDir);
      }
    }
    Path file = settingsFile(runDir);
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, settingsJson(runDir, hooks));
    // Links, not copies: Gemini CLI reads (and refreshes) the sign-in where the user keeps it.
    for (String name : SIGN_IN_FILES) {
      Path link = dir.resolve(name);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, settings.userGeminiDir().resolve(name));
    }
    Path homeEnv = home(runDir).resolve(".env");
    Files.deleteIfExists(homeEnv);
    Files.createSymbolicLink(homeEnv, settings.home().resolve(".env"));
  }

  /**
   * The first {@code .env} or {@code .gemini/.env} in the workspace or a folder above it, where
   * Gemini CLI looks for credentials; the user's home is skipped (its files are the user's own
   * sign-in). Only existence is checked.
   */
  static Optional<Path> credentialEnvFile(Path workspace, Path home) {
    Path homeDir = home.toAbsolutePath().normalize();
    for (Path d = workspace.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (d.equals(homeDir)) {
        continue;
      }
      for (Path f : List.of(d.resolve(".gemini").resolve(".env"), d.resolve(".env"))) {
        if (Files.exists(f)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** Why the workspace's own Gemini settings make the run unsafe, if they do. */
  static Optional<String> unsafeWorkspaceSettings(Path workspace) {
    Path f = workspace.resolve(".gemini").resolve("settings.json");
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    JsonNode settings;
    try {
      settings = JSON.readTree(stripComments(Files.readString(f)));
    } catch (IOException | RuntimeException e) {
      settings = null;
    }
    if (settings == null || !settings.isObject()) {
      return Optional.of(
          f + " cannot be read as JSON, so what it asks Gemini CLI to run is unknown");
    }
    for (String pointer : UNSAFE_SETTINGS) {
      if (!settings.at(pointer).isMissingNode()) {
        return Optional.of(
            f
                + " sets "
                + pointer.substring(1).replace('/', '.')
                + ", which Gemini CLI would run outside NOME's gate; remove it or use another route");
      }
    }
    return Optional.empty();
  }

  /** Gemini CLI allows comments in its settings; they are taken out (outside strings). */
  static String stripComments(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < s.length()) {
          out.append(s.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
        out.append('\n');
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  String settingsJson(Path runDir, HookGate hooks) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("security").putObject("auth").put("selectedType", settings.signIn());
    root.set(
        "hooks",
        SeatHooks.hooks(
            settings.node(),
            runDir,
            hooks,
            settings.hookTimeoutSeconds(),
            1000, // Gemini CLI reads hook timeouts in milliseconds
            SeatHooks.events("BeforeTool", "guard-gemini", "AfterTool", "observe")));
    return root.toPrettyString();
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
    List<String> cmd = new ArrayList<>(List.of(settings.gemini().toString()));
    if (resume.isPresent()) {
      cmd.addAll(List.of("--resume", resume.get(), "-p", message.orElse("Go on.")));
    } else {
      cmd.addAll(List.of("-p", task.orElseThrow()));
    }
    cmd.addAll(List.of("-o", "stream-json", "--approval-mode", "yolo", "--skip-trust"));
    settings.model().ifPresent(m -> cmd.addAll(List.of("-m", m)));
    Map<String, String> env = new HashMap<>(environment);
    env.put("GEMINI_CLI_HOME", home(runDir).toString());
    settings.endpoint().ifPresent(url -> env.put("GOOGLE_GEMINI_BASE_URL", url.toString()));
    Stream stream = new Stream();
    CliProcess.Ended ended =
        CliProcess.run(cmd, workspace, env, settings.runTimeout(), stopNow, stream::line);
    return stream.outcome(ended);
  }

  /** What {@code gemini -o stream-json} says, line by line. */
  static final class Stream {
    private final Map<String, JsonNode> uses = new LinkedHashMap<>();
    private final List<String> ran = new ArrayList<>();
    private String sessionId;
    private boolean sawResult;
    private boolean failed;
    private boolean authFailed;
    private long in;
    private long out;
    private final StringBuilder said = new StringBuilder();
    private String error = "";

    synchronized void line(String line) {
      JsonNode j = CliProcess.jsonObject(line);
      if (j == null) {
        return;
      }
      switch (j.path("type").asText("")) {
        case "init" -> sessionId = j.path("session_id").asText(null);
        case "tool_use" -> uses.put(j.path("tool_id").asText(""), j);
        case "tool_result" -> {
          if (j.path("status").asText("").equals("success")) {
            ran.add(j.path("tool_id").asText(""));
          }
        }
        case "message" -> {
          if (j.path("role").asText("").equals("assistant")) {
            said.append(j.path("content").asText(""));
          }
        }
        case "result" -> {
          sawResult = true;
          failed = !j.path("status").asText("").equals("success");
          in += j.path("stats").path("input_tokens").asLong(0);
          out += j.path("stats").path("output_tokens").asLong(0);
          String m = j.path("error").path("message").asText("");
          if (!m.isEmpty()) {
            error = m;
            authFailed |= AUTH_FAILURE.matcher(m).find();
          }
        }
        default -> {}
      }
    }

    /** Each call Gemini reports it ran, as {@code tool_name} and its parameters. */
    synchronized List<String> ranCalls() {
      List<String> calls = new ArrayList<>();
      for (String id : ran) {
        JsonNode use = uses.get(id);
        calls.add(
            use == null
                ? "unknown\n{}"
                : use.path("tool_name").asText("") + "\n" + use.path("parameters"));
      }
      return calls;
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
          ranCalls(),
          List.of(),
          authFailed || ended.exit() == EXIT_AUTH,
          Optional.ofNullable(sessionId),
          in,
          out,
          error.isEmpty() ? said.toString() : error,
          Optional.empty());
    }
  }

  @Override
  public List<String> crossCheck(SeatOutcome o, HookGate.Tally t) {
    return check(tools(), o, t);
  }

  /**
   * Every call Gemini CLI reports it ran must be one the gate admitted (judged the same way, each
   * admission covering one run); a result for a call never admitted is a problem too.
   */
  static List<String> check(ToolMap tools, SeatOutcome o, HookGate.Tally t) {
    List<String> problems = new ArrayList<>();
    Admissions admitted = new Admissions(t.admittedCalls());
    for (String call : o.commands()) {
      int nl = call.indexOf('\n');
      JsonNode params = CliProcess.jsonObject(call.substring(nl + 1));
      ToolRequest judged =
          tools.request(
              "", call.substring(0, nl), params == null ? JSON.createObjectNode() : params);
      if (!admitted.take(judged)) {
        problems.add("Gemini CLI ran a call the gate never admitted: " + Admissions.key(judged));
      }
    }
    Admissions.unmatched(t, problems);
    return problems;
  }
}
