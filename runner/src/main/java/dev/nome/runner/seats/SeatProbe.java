package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Claude Code, Codex CLI and Gemini CLI on the PATH and asks each for its version and sign-in
 * state with its own status command — never by opening {@code ~/.claude}, {@code ~/.codex} or
 * {@code ~/.gemini} (P3). Commands run with the filtered environment (P4) and a timeout; any output
 * that is not understood makes the state {@code unknown}, never signed in.
 */
public final class SeatProbe {

  /** The result of one probe: the states and the names withheld from the commands. */
  public record Report(List<SeatState> seats, List<String> withheld) {

    /** The JSON the control plane accepts at {@code PUT /api/hosts/me/seats}. */
    public String toJson() {
      var json = new ObjectMapper();
      var root = json.createObjectNode();
      var arr = root.putArray("seats");
      for (SeatState s : seats) {
        var n = arr.addObject();
        n.put("cli", s.cli());
        n.put("version", s.version());
        n.put("auth", s.auth());
        n.put("method", s.method());
      }
      var w = root.putArray("withheld");
      withheld.forEach(w::add);
      return root.toString();
    }
  }

  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+[0-9A-Za-z.+-]*)");
  private static final Set<String> CLAUDE_METHODS =
      Set.of("claude.ai", "api_key", "oauth_token", "third_party", "none");

  private final EnvironmentFilter filter;
  private final Map<String, String> environment;

  public SeatProbe(EnvironmentFilter filter, Map<String, String> environment) {
    this.filter = filter;
    this.environment = environment;
  }

  public Report probe() {
    EnvironmentFilter.Filtered env = filter.apply(environment);
    List<SeatState> seats = new ArrayList<>();
    seats.add(claude(env.environment()));
    seats.add(codex(env.environment()));
    seats.add(gemini(env.environment()));
    return new Report(List.copyOf(seats), env.withheld());
  }

  /**
   * Probes only the CLI behind a seat route ({@code claude}, {@code codex} or {@code gemini}), as
   * {@code nome run} does before starting a run on it.
   */
  public SeatState probe(String seat) {
    Map<String, String> env = filter.apply(environment).environment();
    return switch (seat) {
      case "claude" -> claude(env);
      case "codex" -> codex(env);
      case "gemini" -> gemini(env);
      default -> throw new IllegalArgumentException("unknown seat: " + seat);
    };
  }

  private SeatState claude(Map<String, String> env) {
    Optional<Path> exe = find("claude", env);
    if (exe.isEmpty()) {
      return new SeatState("claude-code", "", "not-installed", "none");
    }
    String version = version(run(exe.get(), env, "--version"));
    Run status = run(exe.get(), env, "auth", "status");
    String auth = "unknown";
    String method = "none";
    try {
      JsonNode j = JSON.readTree(status.stdout());
      JsonNode loggedIn = j == null ? null : j.get("loggedIn");
      if (loggedIn != null && loggedIn.isBoolean()) {
        if (status.exit() == 0 && loggedIn.booleanValue()) {
          auth = "signed-in";
          String m = j.path("authMethod").asText("");
          method = CLAUDE_METHODS.contains(m) ? m : "other";
        } else if (status.exit() == 1 && !loggedIn.booleanValue()) {
          auth = "signed-out";
        }
      }
    } catch (IOException e) {
      // not JSON: unknown
    }
    return new SeatState("claude-code", version, auth, method);
  }

  private SeatState codex(Map<String, String> env) {
    Optional<Path> exe = find("codex", env);
    if (exe.isEmpty()) {
      return new SeatState("codex", "", "not-installed", "none");
    }
    String version = version(run(exe.get(), env, "--version"));
    Run status = run(exe.get(), env, "login", "status");
    // The signed-in line shows part of an API key: only its class is kept, never the line.
    String all = status.stdout() + "\n" + status.stderr();
    String auth = "unknown";
    String method = "none";
    if (status.exit() == 0 && all.contains("Logged in using ChatGPT")) {
      auth = "signed-in";
      method = "chatgpt";
    } else if (status.exit() == 0 && all.contains("API key configured")) {
      auth = "signed-in";
      method = "api-key";
    } else if (status.exit() == 1 && all.contains("Not logged in")) {
      auth = "signed-out";
    }
    return new SeatState("codex", version, auth, method);
  }

  private SeatState gemini(Map<String, String> env) {
    Optional<Path> exe = find("gemini", env);
    if (exe.isEmpty()) {
      return new SeatState("gemini", "", "not-installed", "none");
    }
    // Gemini CLI has no status command; `gemini auth status` would be taken as a prompt.
    return new SeatState(
        "gemini", version(run(exe.get(), env, "--version")), "unknown-until-first-run", "none");
  }

  /** The executable {@code name} on the PATH of {@code env}. */
  public static Optional<Path> find(String name, Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static String version(Run r) {
    if (r.exit() != 0) {
      return "";
    }
    Matcher m = VERSION.matcher(r.stdout());
    return m.find() && m.group(1).length() <= 40 ? m.group(1) : "";
  }

  record Run(int exit, String stdout, String stderr) {}

  private static Run run(Path exe, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    String home = env.get("HOME");
    if (home != null && Files.isDirectory(Path.of(home))) {
      pb.directory(new File(home));
    }
    // Output is read through pipes and kept in memory only: a status line may show part of a key.
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Run(-1, "", "");
    }
    // Own threads, not the common pool: a busy pool must not stall the readers (and the child).
    var out = new CompletableFuture<String>();
    var err = new CompletableFuture<String>();
    Thread.ofVirtual().start(() -> out.complete(head(p.getInputStream())));
    Thread.ofVirtual().start(() -> err.complete(head(p.getErrorStream())));
    try {
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new Run(-1, "", "");
      }
      return new Run(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Run(-1, "", "");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      p.destroyForcibly();
      return new Run(-1, "", "");
    }
  }

  private static String head(java.io.InputStream in) {
    try (in) {
      byte[] b = in.readNBytes(64 * 1024);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
