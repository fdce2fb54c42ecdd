package dev.nome.app;

import dev.nome.core.policy.Policy;
import dev.nome.core.route.Route;
import dev.nome.runner.launch.ByokSession;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.RunLauncher;
import dev.nome.runner.launch.RunPlan;
import dev.nome.runner.runs.RunsClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    return run(host, plan, out);
  }

  /** Launches and follows one run; the exit code of {@code nome run}. */
  static int run(HostSession host, RunPlan plan, PrintStream out) throws Exception {
    RunsClient registry = new RunsClient(host.server(), host.deviceToken(), host.scrubber());
    TerminalProgress progress = new TerminalProgress(out, host.server());
    RunLauncher.Launch launch = new RunLauncher(registry, RunnerHome.probe()::probe).launch(plan);
    return switch (launch) {
      case RunLauncher.Launch.Refused r -> {
        out.println("stopped (" + r.reason().code() + "): " + r.message());
        r.runId().ifPresent(id -> out.println("  " + host.server().resolve("/runs/" + id)));
        yield 1;
      }
      case RunLauncher.Launch.SeatReady s -> {
        out.println(
            "the "
                + s.seat().cli()
                + " CLI is installed and signed in ("
                + s.state().version()
                + "), but this version of NOME runs only byok routes; nothing was started");
        yield 1;
      }
      case RunLauncher.Launch.Started started -> {
        out.println(
            "run "
                + started.run().id()
                + " on work item "
                + started.workItemId()
                + " ("
                + plan.route().text()
                + ": "
                + started.run().route().provider().orElse("?")
                + ", "
                + started.run().route().costLane()
                + ")");
        out.println("  follow it at " + host.server().resolve("/runs/" + started.run().id()));
        ByokSession.Result result =
            new ByokSession(host, registry)
                .run(started.workItemId(), started.run(), plan, progress, progress);
        if (!result.receiptsAcknowledged()) {
          out.println(
              "nome: some receipts are not acknowledged yet; they stay queued on this computer"
                  + " and are sent when the control plane is back");
        }
        yield result.outcome().succeeded() ? 0 : 1;
      }
    };
  }
}
