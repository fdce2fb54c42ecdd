package dev.nome.app.gate;

import dev.nome.core.policy.Policies;
import dev.nome.core.route.Route;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.RunPlan;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.tokens.HostKey;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.testing.TestByok;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A seat run recorded on a test control plane: this host paired (its queue under {@code dir/nome}),
 * a work item, the plan and the created run, as {@code nome run} would have them after resolving a
 * signed-in seat.
 */
record SeatRunFixture(
    HostSession host,
    RunsClient registry,
    String workItem,
    RunPlan plan,
    RunRegistry.CreatedRun run) {

  static SeatRunFixture create(
      TestByok t, Path dir, Path workspace, SecretScrubber scrubber, String task) throws Exception {
    return create(t, dir, workspace, scrubber, task, "claude", "2.1.197");
  }

  /** The same for the seat of {@code cli} at {@code version}. */
  static SeatRunFixture create(
      TestByok t,
      Path dir,
      Path workspace,
      SecretScrubber scrubber,
      String task,
      String cli,
      String version)
      throws Exception {
    HostKey hostKey = HostKey.generate();
    var issued =
        t.plane.pairLocalHost(new HostInfo("seat-box", "Linux", "dev", hostKey.publicKeyBase64()));
    HostSession host =
        new HostSession(
            t.plane.url(),
            issued.deviceToken(),
            issued.host().id(),
            hostKey,
            dir.resolve("nome/queue"),
            scrubber);
    RunsClient registry = new RunsClient(host.server(), host.deviceToken(), scrubber);
    String workItem = registry.createWorkItem("seat run", "");
    RunPlan plan =
        new RunPlan(
            new RunPlan.WorkItemChoice.Existing(workItem),
            Route.parse("seat:" + cli),
            workspace.toRealPath(),
            "default",
            Policies.shippedPolicy(),
            task);
    RunRegistry.CreatedRun run =
        registry.create(
            new RunRegistry.NewRun(
                workItem,
                "seat:" + cli,
                plan.workspace().toString(),
                "default",
                task,
                Optional.of(cli),
                Optional.of(version),
                Optional.of("signed-in")));
    return new SeatRunFixture(host, registry, workItem, plan, run);
  }
}
