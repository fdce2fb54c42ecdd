package dev.nome.app;

import dev.nome.core.policy.Policy;
import dev.nome.core.route.Route;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.launch.ByokSession;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.OrphanSeatRuns;
import dev.nome.runner.launch.RunLauncher;
import dev.nome.runner.launch.RunListeners;
import dev.nome.runner.launch.RunPlan;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.launch.SeatSession;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.seats.ClaudeSeat;
import dev.nome.runner.seats.CodexSeat;
import dev.nome.runner.seats.EnvironmentFilter;
import dev.nome.runner.seats.GeminiSeat;
import dev.nome.runner.seats.SeatCli;
import dev.nome.runner.seats.SeatProbe;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nome run}: starts a run on this host and follows it until it ends. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Start an agent run on this computer and follow it: every tool call passes the gate.",
      "Routes: byok:KEY-NAME[/MODEL] (a key in the control plane's vault) or"
          + " seat:claude|seat:codex|seat:gemini (the CLI you are signed in to here)."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:the run succeeded",
      "1:the run failed or stopped (its reason is printed), or it could not start",
      "2:the command line is wrong"
    })
final class RunCommand implements Callable<Integer> {

  static final class WorkItem {
    @Option(
        names = "--work-item",
        paramLabel = "ID",
        description = "Add the run to this work item.")
    String id;

    @Option(names = "--new", paramLabel = "TITLE", description = "Start a new work item.")
    String title;
  }

  @ArgGroup(multiplicity = "1")
  WorkItem workItem;

  @Option(
      names = "--route",
      required = true,
      description = "byok:KEY-NAME[/MODEL], seat:claude, seat:codex or seat:gemini.")
  String route;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description = "The directory the agent works in (default: the current one).")
  Path workspace;

  @Option(
      names = "--seat-endpoint",
      paramLabel = "URL",
      description =
          "Seat routes only: where the CLI sends its model requests (a gateway or proxy you run),"
              + " with your own sign-in: an Anthropic API base for Claude Code, an OpenAI"
              + " Responses API base for Codex CLI, a Gemini API base for Gemini CLI.")
  URI seatEndpoint;

  @Option(
      names = "--seat-model",
      paramLabel = "MODEL",
      description =
          "Seat routes of Codex CLI and Gemini CLI: the model the CLI asks for (their own"
              + " configuration does not apply to a seat run; default: the CLI's own).")
  String seatModel;

  @Option(
      names = "--gemini-sign-in",
      paramLabel = "TYPE",
      defaultValue = "oauth-personal",
      description =
          "seat:gemini: how you sign in to Gemini CLI: oauth-personal (Sign in with Google, the"
              + " default), gemini-api-key, vertex-ai or compute-default-credentials.")
  String geminiSignIn;

  @Option(names = "--role", defaultValue = "default", description = "The policy role of the run.")
  String role;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "A policy layer for this run, over the shipped and the user's policy.")
  Path policyFile;

  @Parameters(arity = "1..*", paramLabel = "TASK", description = "What the agent should do.")
  List<String> task;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    Route parsed;
    try {
      parsed = Route.parse(route);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!GeminiSeat.SIGN_INS.contains(geminiSignIn)) {
      throw new ParameterException(
          spec.commandLine(), "--gemini-sign-in takes one of " + GeminiSeat.SIGN_INS);
    }
    if (seatEndpoint != null
        && (!(parsed instanceof Route.Seat)
            || !(seatEndpoint.getScheme() instanceof String scheme)
            || !(scheme.equals("http") || scheme.equals("https"))
            || seatEndpoint.getHost() == null)) {
      throw new ParameterException(
          spec.commandLine(), "--seat-endpoint takes an http(s) URL, for seat routes only");
    }
    Path dir = (workspace == null ? Path.of("") : workspace).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "no such directory: " + dir);
    }
    Policy policy = PolicyFiles.load(null, null, policyFile);
    RunPlan plan =
        new RunPlan(
            workItem.id != null
                ? new RunPlan.WorkItemChoice.Existing(workItem.id)
                : new RunPlan.WorkItemChoice.New(workItem.title),
            parsed,
            dir.toRealPath(),
            role,
            policy,
            String.join(" ", task));
    HostSession host = HostSession.load(new RunnerHome().home);
    SeatOptions seat =
        new SeatOptions(
            Optional.ofNullable(seatEndpoint), Optional.ofNullable(seatModel), geminiSignIn);
    return follow(host, plan, out, RunListener.NONE, seat).exitCode();
  }

  /**
   * How a run followed in the terminal ended.
   *
   * @param exitCode {@code nome run}'s exit code
   * @param runId the run, when the control plane recorded one
   * @param outcome how the loop ended, when it ran
   */
  record Followed(int exitCode, Optional<String> runId, Optional<RunOutcome> outcome) {}

  /**
   * Launches and follows one run, printing its progress to {@code out}; {@code also} is told the
   * same progress (after the terminal).
   */
  static Followed follow(HostSession host, RunPlan plan, PrintStream out, RunListener also)
      throws Exception {
    return follow(host, plan, out, also, SeatOptions.DEFAULTS);
  }

  /**
   * What {@code nome run} is told about a seat's CLI.
   *
   * @param endpoint where the CLI sends its model requests, when not the provider's own
   * @param model the model it asks for, when not its own choice
   * @param geminiSignIn how the user signs in to Gemini CLI
   */
  record SeatOptions(Optional<URI> endpoint, Optional<String> model, String geminiSignIn) {
    static final SeatOptions DEFAULTS =
        new SeatOptions(Optional.empty(), Optional.empty(), "oauth-personal");
  }

  /** The same, with what the person said about a seat's CLI. */
  static Followed follow(
      HostSession host, RunPlan plan, PrintStream out, RunListener also, SeatOptions seat)
      throws Exception {
    RunsClient registry = new RunsClient(host.server(), host.deviceToken(), host.scrubber());
    TerminalProgress progress = new TerminalProgress(out, host.server());
    RunLauncher launcher = new RunLauncher(registry, RunnerHome.probe()::probe);
    RunLauncher.Launch launch = launcher.launch(plan);
    return switch (launch) {
      case RunLauncher.Launch.Refused r -> {
        out.println("stopped (" + r.reason().code() + "): " + r.message());
        r.runId().ifPresent(id -> out.println("  " + host.server().resolve("/runs/" + id)));
        yield new Followed(1, r.runId(), Optional.empty());
      }
      case RunLauncher.Launch.SeatReady s -> {
        OrphanSeatRuns.clear(host, registry, line -> out.println("nome: " + line));
        RunRegistry.CreatedRun created;
        try {
          created = launcher.createSeatRun(s, plan);
        } catch (RunRegistry.RunRefused e) {
          out.println("stopped (" + e.reason().code() + "): " + e.getMessage());
          yield new Followed(1, e.runId(), Optional.empty());
        }
        announce(out, host, plan, s.workItemId(), created);
        Map<String, String> env = System.getenv();
        yield finish(
            out,
            created.id(),
            new SeatSession(
                    host, registry, seatCli(s.seat().cli(), env, seat), env, Gate.Timing.standard())
                .run(s.workItemId(), created, plan, RunListeners.all(progress, also), progress));
      }
      case RunLauncher.Launch.Started started -> {
        announce(out, host, plan, started.workItemId(), started.run());
        yield finish(
            out,
            started.run().id(),
            new ByokSession(host, registry)
                .run(
                    started.workItemId(),
                    started.run(),
                    plan,
                    RunListeners.all(progress, also),
                    progress));
      }
    };
  }

  /**
   * The seat's CLI as found on the PATH of the filtered environment, with NOME's settings; its
   * model requests go to {@code endpoint} when given.
   */
  static SeatCli seatCli(String cli, Map<String, String> env, SeatOptions seat) {
    Optional<URI> endpoint = seat.endpoint();
    Map<String, String> filtered = EnvironmentFilter.standard().apply(env).environment();
    Path node =
        SeatProbe.find("node", filtered)
            .orElseThrow(() -> new IllegalStateException("Node.js is not on the PATH"));
    return switch (cli) {
      case "claude" ->
          ClaudeSeat.cli(
              new ClaudeSeat.Settings(
                  SeatProbe.find("claude", filtered).orElseThrow(),
                  node,
                  SEAT_RUN_TIMEOUT,
                  SEAT_HOOK_TIMEOUT_SECONDS,
                  endpoint.map(u -> Map.of("ANTHROPIC_BASE_URL", u.toString())).orElse(Map.of())));
      case "codex" ->
          new CodexSeat(
              new CodexSeat.Settings(
                  SeatProbe.find("codex", filtered).orElseThrow(),
                  node,
                  // Where the user's Codex keeps its home; the run's own home links its sign-in.
                  Optional.ofNullable(env.get("CODEX_HOME"))
                      .map(Path::of)
                      .orElse(Path.of(env.getOrDefault("HOME", "."), ".codex")),
                  SEAT_RUN_TIMEOUT,
                  SEAT_HOOK_TIMEOUT_SECONDS,
                  endpoint,
                  seat.model()));
      case "gemini" ->
          new GeminiSeat(
              new GeminiSeat.Settings(
                  SeatProbe.find("gemini", filtered).orElseThrow(),
                  node,
                  Path.of(env.getOrDefault("HOME", ".")),
                  SEAT_RUN_TIMEOUT,
                  SEAT_HOOK_TIMEOUT_SECONDS,
                  endpoint,
                  seat.model(),
                  // The user's own Gemini CLI folder, whose sign-in files the run links to.
                  Optional.ofNullable(env.get("GEMINI_CLI_HOME"))
                      .map(Path::of)
                      .orElse(Path.of(env.getOrDefault("HOME", ".")))
                      .resolve(".gemini"),
                  seat.geminiSignIn()));
      default -> throw new IllegalArgumentException("no seat runs with " + cli);
    };
  }

  /** How long a stretch of a seat run may take (waits for a person come between stretches). */
  static final Duration SEAT_RUN_TIMEOUT = Duration.ofHours(2);

  /**
   * A hook answers at once, or after the calls before it; a person's answer is never awaited in
   * one.
   */
  static final int SEAT_HOOK_TIMEOUT_SECONDS = 60;

  private static void announce(
      PrintStream out,
      HostSession host,
      RunPlan plan,
      String workItemId,
      RunRegistry.CreatedRun run) {
    out.println(
        "run "
            + run.id()
            + " on work item "
            + workItemId
            + " ("
            + plan.route().text()
            + ": "
            + run.route().provider().orElse("?")
            + ", "
            + run.route().costLane()
            + ")");
    out.println("  follow it at " + host.server().resolve("/runs/" + run.id()));
  }

  private static Followed finish(PrintStream out, String runId, RunResult result) {
    if (!result.receiptsAcknowledged()) {
      out.println(
          "nome: some receipts are not acknowledged yet; they stay queued on this computer"
              + " and are sent when the control plane is back");
    }
    return new Followed(
        result.outcome().succeeded() ? 0 : 1, Optional.of(runId), Optional.of(result.outcome()));
  }

  /** Tells {@code first}, then {@code second}, the same progress. */
}
