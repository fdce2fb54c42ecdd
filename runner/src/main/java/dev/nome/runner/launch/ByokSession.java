package dev.nome.runner.launch;

import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.route.StopReason;
import dev.nome.runner.agent.AgentLoop;
import dev.nome.runner.agent.AgentSettings;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.model.ModelClient;
import dev.nome.runner.model.ProxyModelClient;
import dev.nome.runner.model.Usage;
import dev.nome.runner.runs.RunRegistry;
import java.io.IOException;
import java.util.Optional;

/**
 * One byok run on this host: NOME's own loop asks the control plane's model proxy (the key stays
 * there, P2), and every tool call goes through the gate with durable, signed receipts (see
 * docs/gate.md). At the end it stores the run's artifacts (the workspace's changes and the run's
 * log) and waits, boundedly, for the receipts to be acknowledged; those not acknowledged stay in
 * the host's queue for the runner to send later.
 */
public final class ByokSession {

  private final HostSession host;
  private final RunRegistry registry;
  private final Gate.Timing timing;
  private final int signEvery;

  public ByokSession(HostSession host, RunRegistry registry) {
    this(host, registry, Gate.Timing.standard(), 1);
  }

  /**
   * @param signEvery the chain is signed every this many receipts (and always at its start and
   *     end); 1 lets the control plane see each call as it happens
   */
  public ByokSession(HostSession host, RunRegistry registry, Gate.Timing timing, int signEvery) {
    this.host = host;
    this.registry = registry;
    this.timing = timing;
    this.signEvery = signEvery;
  }

  public RunResult run(
      String workItemId,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      RunListener progress,
      RunNotices notices)
      throws IOException, InterruptedException {
    return run(
        workItemId,
        run,
        plan,
        new ProxyModelClient(host.server(), host.deviceToken(), run.id()),
        progress,
        notices);
  }

  RunResult run(
      String workItemId,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      ModelClient model,
      RunListener progress,
      RunNotices notices)
      throws IOException, InterruptedException {
    RunOutcome outcome;
    GatedRun gated =
        GatedRun.open(
            host, registry, workItemId, run, plan, timing, signEvery, progress, notices, null);
    try (gated) {
      outcome = loop(gated, run, plan, model);
    }
    return new RunResult(outcome, gated.acknowledged());
  }

  private RunOutcome loop(
      GatedRun gated, RunRegistry.CreatedRun run, RunPlan plan, ModelClient model) {
    Optional<Gate> gate = gated.gate();
    if (gate.isEmpty()) {
      // What cannot be audited does not run.
      RunOutcome stopped =
          new RunOutcome(
              "stopped",
              Optional.of(StopReason.AUDIT_UNAVAILABLE),
              "the run's receipts cannot be written on this host",
              Usage.NONE,
              0,
              0);
      gated.listener.finished(stopped);
      return stopped;
    }
    RouteRecord route = gated.route(run.route(), gated.workspace.withheld());
    return new AgentLoop(
            model,
            gate.get(),
            AgentSettings.standard(run.route().model()),
            host.scrubber(),
            gated.listener)
        .run(plan.task(), route);
  }
}
