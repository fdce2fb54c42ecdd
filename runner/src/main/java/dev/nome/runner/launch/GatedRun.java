package dev.nome.runner.launch;

import dev.nome.core.policy.Access;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.ReceiptNotPersistedException;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunChain;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.gate.Gate;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every run on this host has, whatever its route: the workspace with its file gateway, the
 * snapshot its changes are measured against, the run's log, the progress reported to the control
 * plane, the durable receipt journal with its upload, the signed chain and the gate. Closing it
 * stores the artifacts and waits, boundedly, for the receipts to be acknowledged.
 */
final class GatedRun implements AutoCloseable {

  /** How long a run waits at its end for the control plane to take the last receipts. */
  static final Duration FLUSH = Duration.ofSeconds(30);

  final Workspace workspace;
  final RunListener listener;
  final ControlPlaneLink link;
  private final HostSession host;
  private final RunRegistry registry;
  private final String runId;
  private final WorkspaceChanges changes;
  private final RunLog log;
  private final RunNotices notices;
  private final ReceiptUploader uploader;
  private final Gate gate;
  private boolean acknowledged;

  private GatedRun(
      HostSession host,
      RunRegistry registry,
      String runId,
      Workspace workspace,
      WorkspaceChanges changes,
      RunLog log,
      RunListener listener,
      RunNotices notices,
      ControlPlaneLink link,
      ReceiptUploader uploader,
      Gate gate) {
    this.host = host;
    this.registry = registry;
    this.runId = runId;
    this.workspace = workspace;
    this.changes = changes;
    this.log = log;
    this.listener = listener;
    this.notices = notices;
    this.link = link;
    this.uploader = uploader;
    this.gate = gate;
  }

  /**
   * Opens the run's workspace and receipt chain. The gate is absent when the chain could not be
   * started ({@link #gate()}): what cannot be audited does not run.
   *
   * @param approvalsOf how the gate asks a person, given the run's approval client; null for the
   *     usual way (raise, tell the terminal, wait for the answer inside the call)
   */
  static GatedRun open(
      HostSession host,
      RunRegistry registry,
      String workItemId,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      Gate.Timing timing,
      int signEvery,
      RunListener progress,
      RunNotices notices,
      Function<ApprovalClient, Approvals> approvalsOf)
      throws IOException {
    RunLog log = new RunLog(host.scrubber());
    // A byok run's token usage is recorded by the model proxy; a seat's comes from its CLI.
    RunReporter reporter =
        run.route().authLane().equals("byok")
            ? RunReporter.forByok(registry, run.id(), notices::problem)
            : RunReporter.forSeat(registry, run.id(), notices::problem);
    RunListener listener = RunListeners.all(reporter, log, progress);
    Workspace workspace =
        Workspace.open(plan.workspace(), plan.policy().files(), ToolLimits.standard());
    WorkspaceChanges changes =
        WorkspaceChanges.snapshot(
            workspace.root(), p -> workspace.gateway().check(p.toString(), Access.READ).allowed());
    ControlPlaneLink link = new ControlPlaneLink();
    ReceiptUploader uploader =
        new ReceiptUploader(
                host.server(),
                host.deviceToken(),
                run.id(),
                RunJournals.open(host.queueDir(), run.id()),
                link)
            // The journal is only the queue: gone once the ended chain is acknowledged.
            .removeWhenDone(RunJournals.file(host.queueDir(), run.id()))
            .start();
    Gate gate = null;
    try {
      RunChain chain =
          RunChain.start(
              run.id(),
              Optional.of(workItemId),
              new HostKeySigner(host.hostId(), host.hostKey()),
              uploader,
              Clock.systemUTC(),
              signEvery);
      ApprovalClient approvals = new ApprovalClient(host.server(), host.deviceToken());
      Approvals asking =
          approvalsOf != null
              ? approvalsOf.apply(approvals)
              : ask -> {
                ApprovalClient.Raised raised = approvals.raise(ask);
                notices.approvalRaised(raised.id());
                return approvals.await(raised);
              };
      gate =
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
    } catch (ReceiptNotPersistedException e) {
      // no gate: the caller stops the run with audit-unavailable
    }
    return new GatedRun(
        host, registry, run.id(), workspace, changes, log, listener, notices, link, uploader, gate);
  }

  Optional<Gate> gate() {
    return Optional.ofNullable(gate);
  }

  /**
   * The run's first receipt: its route, from what the control plane resolved, with the names of the
   * environment variables kept from the agent's processes.
   */
  RouteRecord route(RunRegistry.ResolvedRoute r, List<String> withheld) {
    return new RouteRecord(
        r.authLane(),
        r.costLane(),
        r.provider().orElse("unknown"),
        r.cli(),
        host.scrubber().scrub(r.cliVersion().orElse("")),
        r.model().orElse("default"),
        withheld.stream().distinct().sorted().limit(RouteRecord.MAX_WITHHELD).toList());
  }

  /** Whether the control plane acknowledged every receipt before the run returned. */
  boolean acknowledged() {
    return acknowledged;
  }

  @Override
  public void close() throws InterruptedException {
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
    try {
      acknowledged = uploader.flush(FLUSH);
      uploader
          .refusal()
          .ifPresent(r -> notices.problem("the control plane refused receipts: " + r));
    } finally {
      uploader.close();
    }
  }
}
