package dev.nome.runner.launch;

import dev.nome.core.policy.Access;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.ReceiptNotPersistedException;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.route.StopReason;
import dev.nome.runner.agent.AgentLoop;
import dev.nome.runner.agent.AgentSettings;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.model.ModelClient;
import dev.nome.runner.model.ProxyModelClient;
import dev.nome.runner.model.Usage;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.receipts.HostKeySigner;
import dev.nome.runner.receipts.ReceiptUploader;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.runs.RunReporter;
import dev.nome.runner.tools.ToolLimits;
import dev.nome.runner.tools.Tools;
import dev.nome.runner.tools.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One byok run on this host: NOME's own loop asks the control plane's model proxy (the key stays
 * there, P2), and every tool call goes through the gate with durable, signed receipts (see
 * docs/gate.md). At the end it stores the run's artifacts (the workspace's changes and the run's
 * log) and waits, boundedly, for the receipts to be acknowledged; those not acknowledged stay in
 * the host's queue for the runner to send later.
 */
public final class ByokSession {

  /** What the terminal is told besides the run's progress. */
  public interface Notices {
    /** A request for a person's approval was raised, with this id. */
    default void approvalRaised(String approvalId) {}

    /** Something went wrong on the side (a report or artifact not sent); a content-free line. */
    default void problem(String line) {}
  }

  /**
   * How the session ended.
   *
   * @param receiptsAcknowledged whether the control plane acknowledged every receipt before the
   *     session returned (otherwise they wait in the host's queue)
   */
  public record Result(RunOutcome outcome, boolean receiptsAcknowledged) {}

  /** How long the session waits at its end for the control plane to take the last receipts. */
  static final Duration FLUSH = Duration.ofSeconds(30);

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

  public Result run(
      String workItemId,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      RunListener progress,
      Notices notices)
      throws IOException, InterruptedException {
    return run(
        workItemId,
        run,
        plan,
        new ProxyModelClient(host.server(), host.deviceToken(), run.id()),
        progress,
        notices);
  }

  Result run(
      String workItemId,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      ModelClient model,
      RunListener progress,
      Notices notices)
      throws IOException, InterruptedException {
    RunLog log = new RunLog(host.scrubber());
    // Status only: the model proxy records the run's token usage itself.
    RunReporter reporter = RunReporter.forByok(registry, run.id(), notices::problem);
    RunListener listener = RunListeners.all(reporter, log, progress);
    Workspace workspace =
        Workspace.open(plan.workspace(), plan.policy().files(), ToolLimits.standard());
    WorkspaceChanges changes =
        WorkspaceChanges.snapshot(
            workspace.root(), p -> workspace.gateway().check(p.toString(), Access.READ).allowed());
    ControlPlaneLink link = new ControlPlaneLink();
    RunOutcome outcome;
    boolean acknowledged;
    try (ReceiptUploader uploader =
        new ReceiptUploader(
                host.server(),
                host.deviceToken(),
                run.id(),
                RunJournals.open(host.queueDir(), run.id()),
                link)
            // The journal is only the queue: gone once the ended chain is acknowledged.
            .removeWhenDone(RunJournals.file(host.queueDir(), run.id()))
            .start()) {
      outcome = loop(workItemId, run, plan, model, workspace, link, uploader, listener, notices);
      storeArtifacts(run.id(), changes, log, notices);
      acknowledged = uploader.flush(FLUSH);
      uploader
          .refusal()
          .ifPresent(r -> notices.problem("the control plane refused receipts: " + r));
    }
    return new Result(outcome, acknowledged);
  }

  private RunOutcome loop(
      String workItemId,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      ModelClient model,
      Workspace workspace,
      ControlPlaneLink link,
      ReceiptUploader uploader,
      RunListener listener,
      Notices notices)
      throws InterruptedException {
    RunChain chain;
    try {
      chain =
          RunChain.start(
              run.id(),
              Optional.of(workItemId),
              new HostKeySigner(host.hostId(), host.hostKey()),
              uploader,
              Clock.systemUTC(),
              signEvery);
    } catch (ReceiptNotPersistedException e) {
      // What cannot be audited does not run.
      RunOutcome stopped =
          new RunOutcome(
              "stopped",
              Optional.of(StopReason.AUDIT_UNAVAILABLE),
              "the run's receipts cannot be written on this host",
              Usage.NONE,
              0,
              0);
      listener.finished(stopped);
      return stopped;
    }
    ApprovalClient approvals = new ApprovalClient(host.server(), host.deviceToken());
    Approvals asking =
        ask -> {
          ApprovalClient.Raised raised = approvals.raise(ask);
          notices.approvalRaised(raised.id());
          return approvals.await(raised);
        };
    Gate gate =
        new Gate(
            new Gate.RunContext(run.id(), Optional.of(workItemId), host.hostId(), plan.role()),
            Gate.decider(plan.policy(), workspace),
            workspace,
            Tools.standard(),
            host.scrubber(),
            KeyedHmac.generate("runner"),
            chain,
            asking,
            link,
            timing);
    RunRegistry.ResolvedRoute r = run.route();
    RouteRecord route =
        new RouteRecord(
            r.authLane(),
            r.costLane(),
            r.provider().orElse("unknown"),
            r.cli(),
            host.scrubber().scrub(r.cliVersion().orElse("")),
            r.model().orElse("default"),
            workspace.withheld().stream()
                .distinct()
                .sorted()
                .limit(RouteRecord.MAX_WITHHELD)
                .toList());
    return new AgentLoop(model, gate, AgentSettings.standard(r.model()), host.scrubber(), listener)
        .run(plan.task(), route);
  }

  private void storeArtifacts(String runId, WorkspaceChanges changes, RunLog log, Notices notices)
      throws InterruptedException {
    try {
      String diff = host.scrubber().scrub(changes.diff()).value();
      if (!diff.isEmpty()) {
        registry.putArtifact(runId, "changes.diff", diff.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      notices.problem("the workspace's changes could not be stored: " + e.getMessage());
    }
    try {
      registry.putArtifact(runId, "run.log", log.text().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      notices.problem("the run's log could not be stored: " + e.getMessage());
    }
  }
}
