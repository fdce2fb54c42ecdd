package dev.nome.runner.gate;

import dev.nome.core.Tier;
import dev.nome.core.policy.Policy;
import dev.nome.core.policy.PolicyDecider;
import dev.nome.core.policy.RunState;
import dev.nome.core.policy.ToolCall;
import dev.nome.core.receipt.ApprovalRecord;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.Fingerprint;
import dev.nome.core.receipt.HostRevoked;
import dev.nome.core.receipt.Ids;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.OutputSummary;
import dev.nome.core.receipt.Receipt;
import dev.nome.core.receipt.ReceiptNotPersistedException;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolIntent;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.risk.Classification;
import dev.nome.core.risk.Classifier;
import dev.nome.core.risk.ToolCallTier;
import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.Scrubber;
import dev.nome.runner.model.ToolSpec;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.tools.Tool;
import dev.nome.runner.tools.ToolException;
import dev.nome.runner.tools.ToolOutput;
import dev.nome.runner.tools.Tools;
import dev.nome.runner.tools.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one path for every tool call of one run, whatever route the agent came by:
 *
 * <ol>
 *   <li>classify: the tier from {@link ToolCallTier} (shell commands from their syntax tree, every
 *       path inside them asked of the file gateway);
 *   <li>decide: {@link PolicyDecider} (the gateway for the file tools' paths, then roles, counters,
 *       budget and the offline rule, with the run's {@link RunState});
 *   <li>ask a person when the policy says so ({@link Approvals}); expiry, denial and lost contact
 *       deny; while the control plane is unreachable the policy's offline rule applies, and a
 *       queued call waits for it to come back;
 *   <li>record the {@link ToolIntent}; only once it is durable does the tool run, inside the
 *       workspace with its limits;
 *   <li>scrub input and output; record the {@link ToolReceipt}; only once it is durable is the
 *       result returned.
 * </ol>
 *
 * Refusals are recorded too. A receipt that cannot be persisted stops the run ({@code
 * audit-unavailable}): the call does not run, or its result is withheld. A revoked host stops the
 * run ({@code host-revoked}). Any exception on the way is a denial. Calls of one run are decided
 * one at a time, in order.
 */
public final class Gate {

  /** How much of a proposed action an approver is shown (the server allows 16,000). */
  static final int MAX_ACTION = 4_000;

  private static final int MAX_INPUT = 8_000;

  /**
   * Who and what the run is.
   *
   * @param role the agent's role, checked against each tool's {@code roles}
   */
  public record RunContext(String runId, Optional<String> workItemId, String hostId, String role) {
    public RunContext {
      Ids.check("run id", runId);
      Ids.check("host id", hostId);
      Objects.requireNonNull(workItemId, "workItemId");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * @param approvalTtl how long a person has to decide
   * @param offlineWait how long a queued call waits for the control plane to come back
   * @param freshness how recent the last answer from the control plane must be to count as online
   *     without asking again
   */
  public record Timing(Duration approvalTtl, Duration offlineWait, Duration freshness) {
    public static Timing standard() {
      return new Timing(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(2));
    }
  }

  private final RunContext run;
  private final PolicyDecider decider;
  private final Classifier classifier;
  private final Tools tools;
  private final Workspace workspace;
  private final Scrubber scrubber;
  private final KeyedHmac fingerprints;
  private final RunChain chain;
  private final Approvals approvals;
  private final ControlPlaneLink link;
  private final Timing timing;
  private volatile GateEvents events = GateEvents.NONE;

  private RunState state = RunState.start();
  private StopReason stop;
  private String stopMessage;
  private long anonymousCalls;

  public Gate(
      RunContext run,
      PolicyDecider decider,
      Workspace workspace,
      Tools tools,
      Scrubber scrubber,
      KeyedHmac fingerprints,
      RunChain chain,
      Approvals approvals,
      ControlPlaneLink link,
      Timing timing) {
    this.run = Objects.requireNonNull(run, "run");
    this.decider = Objects.requireNonNull(decider, "decider");
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.tools = Objects.requireNonNull(tools, "tools");
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.link = Objects.requireNonNull(link, "link");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.classifier =
        Classifier.standard()
            .withWorkspace(workspace.root().toString())
            .withGate(workspace.gateway());
  }

  /** The decider for {@code policy} in {@code workspace} (its file gateway judges every path). */
  public static PolicyDecider decider(Policy policy, Workspace workspace) {
    return PolicyDecider.of(policy, workspace.gateway());
  }

  public void events(GateEvents listener) {
    this.events = listener == null ? GateEvents.NONE : listener;
  }

  public RunContext run() {
    return run;
  }

  /** The tools the policy lets this run's role call at all, as offered to a model. */
  public List<ToolSpec> offeredTools() {
    Policy p = decider.policy();
    if (p == null) {
      return List.of();
    }
    return tools.specs().stream()
        .filter(
            s ->
                p.rule(s.name()).maxCallsPerRun().value() > 0
                    && p.rule(s.name()).roles().value().allows(run.role()))
        .toList();
  }

  /** Why the run must stop, once it must. */
  public synchronized Optional<StopReason> stopReason() {
    if (stop == null && link.isRevoked()) {
      stopRevoked();
    }
    return Optional.ofNullable(stop);
  }

  /** The stop's message, scrubbed, once the run must stop. */
  public synchronized Optional<String> stopMessage() {
    return Optional.ofNullable(stopMessage);
  }

  /**
   * Records a receipt of the run itself (its {@code RouteRecord}, an artifact reference).
   *
   * @return false when it could not be persisted; the run then stops with audit-unavailable
   */
  public synchronized boolean record(Receipt receipt) {
    try {
      chain.append(receipt);
      return true;
    } catch (ReceiptNotPersistedException | RuntimeException e) {
      halt(StopReason.AUDIT_UNAVAILABLE, "the run's audit trail cannot be written");
      return false;
    }
  }

  /** Records the run's last receipt; false when that was not possible. */
  public synchronized boolean end(RunStatus status, String reason) {
    if (chain.isEnded()) {
      return true;
    }
    try {
      chain.end(
          new RunEnded(
              status, GateText.cap(scrubber, scrubber.scrub(reason == null ? "" : reason), 2_000)));
      return true;
    } catch (ReceiptNotPersistedException | RuntimeException e) {
      return false;
    }
  }

  /** Decides, runs and records one tool call; see the class comment. Never throws. */
  public synchronized GateResult call(ToolRequest request) {
    return pass(request, this::execute).result;
  }

  /**
   * Decides one call that a provider CLI runs itself (seat routes): the same path as {@link #call}
   * up to the {@link ToolIntent}, which is durable when this returns an admitted call; the CLI may
   * then run it, and {@link #complete} records what it did. Never throws.
   */
  public synchronized Admission admit(ToolRequest request) {
    Passed p = pass(request, this::recordIntent);
    if (p.deferred != null) {
      return new Admission.Deferred(p.result, p.deferred);
    }
    return p.pending == null
        ? new Admission.Refused(p.result)
        : new Admission.Admitted(p.result, p.pending);
  }

  /**
   * Records the result of an admitted call that the CLI ran (its output is scrubbed here). Returns
   * false, and stops the run with {@code audit-unavailable}, when the receipt cannot be written.
   */
  public synchronized boolean complete(
      Pending call, String output, boolean success, OptionalInt exitCode, long durationMillis) {
    try {
      ScrubbedText scrubbed = scrubber.scrub(output == null ? "" : output);
      chain.append(
          new ToolReceipt(
              call.callId(),
              call.toolId(),
              call.tier(),
              call.input(),
              Optional.of(call.fingerprint()),
              call.outcome(),
              call.ruleId(),
              call.approvalId(),
              OutputSummary.of(scrubbed, OutputSummary.MAX_HEAD, scrubber::scrub),
              Math.max(0, durationMillis),
              success,
              exitCode));
      return true;
    } catch (ReceiptNotPersistedException | RuntimeException e) {
      halt(StopReason.AUDIT_UNAVAILABLE, "a receipt could not be written; nothing more runs");
      return false;
    }
  }

  /** What the last step of an allowed call does: run the tool, or record the intent only. */
  private interface Finisher {
    GateResult finish(Call c, Tool tool, Decision outcome, String ruleId) throws Exception;
  }

  /** A call's result and, when a CLI is to run it, what {@link #complete} needs. */
  private record Passed(GateResult result, Pending pending, String deferred) {}

  private Passed pass(ToolRequest request, Finisher finisher) {
    long started = System.nanoTime();
    Call c = new Call(request, started);
    GateResult r = decideOrRefuse(c, finisher);
    return new Passed(r, r.allowed() ? c.pending : null, c.deferred);
  }

  private GateResult decideOrRefuse(Call c, Finisher finisher) {
    if (stopReason().isPresent()) {
      return c.refused(
          Decision.DENIED, Tier.DANGER, "the run is stopping: " + stop.code(), Optional.of(stop));
    }
    try {
      return decideAndRun(c, finisher);
    } catch (ReceiptNotPersistedException e) {
      halt(StopReason.AUDIT_UNAVAILABLE, "a receipt could not be written; nothing more runs");
      return c.refused(
          Decision.DENIED,
          c.tier,
          "not run: its receipt could not be recorded (audit unavailable)",
          Optional.of(stop));
    } catch (dev.nome.runner.control.RevokedException e) {
      link.revoke();
      stopRevoked();
      return c.refused(Decision.DENIED, c.tier, "this host was revoked", Optional.of(stop));
    } catch (ApprovalDeferred d) {
      // Nothing recorded yet: the call is decided when the CLI asks again, with the answer.
      c.deferred = d.requestId();
      return c.refused(Decision.DENIED, c.tier, "waiting for a person", Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halt(StopReason.CANCELLED, "the run was interrupted");
      return c.refused(Decision.DENIED, c.tier, "the run was cancelled", Optional.of(stop));
    } catch (Exception | StackOverflowError e) {
      // Fail closed: the error is the reason, by type only (messages may quote input).
      boolean busy = e instanceof ApprovalBusy;
      String why = busy ? ApprovalBusy.REASON : "gate error (" + e.getClass().getSimpleName() + ")";
      try {
        return c.deniedAndRecorded(Decision.DENIED, busy ? ApprovalBusy.RULE : "gate-error", why);
      } catch (Exception | StackOverflowError again) {
        halt(StopReason.AUDIT_UNAVAILABLE, "a receipt could not be written; nothing more runs");
        return c.refused(Decision.DENIED, c.tier, why, Optional.of(stop));
      }
    }
  }

  private GateResult decideAndRun(Call c, Finisher finisher) throws Exception {
    ToolCall call = new ToolCall(c.request.tool(), run.role(), c.request.input());
    Classification classified = ToolCallTier.of(call, classifier);
    c.tier = classified.tier();
    Optional<Tool> tool = tools.find(c.request.tool());
    if (tool.isEmpty()) {
      return c.deniedAndRecorded(
          Decision.DENIED, "gate:unknown-tool", "there is no tool named " + c.request.tool());
    }
    state = state.withOnline(link.onlineNow(timing.freshness()));
    if (link.isRevoked()) {
      throw new dev.nome.runner.control.RevokedException();
    }
    dev.nome.core.policy.Decision d = decider.decide(state, call, c.tier);
    Decision outcome;
    String rule = d.rule();
    for (int round = 0; ; round++) {
      if (d instanceof dev.nome.core.policy.Decision.Deny deny) {
        GateResult r = c.deniedAndRecorded(Decision.DENIED, RuleIds.of(deny.rule()), deny.reason());
        if (deny.rule().startsWith("run.budget")) {
          halt(StopReason.BUDGET_EXHAUSTED, "the run's budget is spent");
          return c.withStop(r, stop);
        }
        return r;
      }
      if (d instanceof dev.nome.core.policy.Decision.Allow) {
        outcome = Decision.ALLOWED;
        break;
      }
      var ask = (dev.nome.core.policy.Decision.Ask) d;
      if (round > 2) {
        return c.deniedAndRecorded(Decision.DENIED, RuleIds.of(ask.rule()), ask.reason());
      }
      if (ask.queued()) {
        events.approvalWaiting(c.callId, c.toolId, c.tier, true);
        long w = System.nanoTime();
        boolean back = link.awaitOnline(timing.offlineWait());
        c.waitNanos += System.nanoTime() - w;
        if (!back) {
          if (link.isRevoked()) {
            throw new dev.nome.runner.control.RevokedException();
          }
          events.approvalDone(c.callId, c.toolId, "denied");
          return c.deniedAndRecorded(
              Decision.DENIED,
              RuleIds.of(ask.rule()),
              ask.reason() + "; the control plane stayed unreachable, so it was denied");
        }
        state = state.withOnline(true);
        d = decider.decide(state, call, c.tier);
        continue;
      }
      Optional<Decision> answered = askPerson(c, ask);
      if (answered.isEmpty()) {
        // unreachable: decide again under the offline rule
        state = state.withOnline(false);
        d = decider.decide(state, call, c.tier);
        continue;
      }
      outcome = answered.get();
      rule = ask.rule();
      if (outcome != Decision.APPROVED) {
        return c.deniedAndRecorded(
            outcome,
            RuleIds.of(ask.rule()),
            "a person was asked and the answer was " + outcome.label() + c.comment);
      }
      break;
    }
    state = state.after(c.request.tool(), decider.policy());
    return finisher.finish(c, tool.get(), outcome, RuleIds.of(rule));
  }

  private GateResult recordIntent(Call c, Tool tool, Decision outcome, String ruleId)
      throws Exception {
    chain.append(
        new ToolIntent(c.callId, c.toolId, c.tier, c.input, outcome, ruleId, c.approvalId));
    c.pending =
        new Pending(
            c.callId, c.toolId, c.tier, c.input, c.fingerprint, outcome, ruleId, c.approvalId);
    return c.result(true, outcome, ScrubbedText.empty(), true, ruleId, Optional.empty());
  }

  /** Asks a person; empty when the control plane could not be reached. */
  private Optional<Decision> askPerson(Call c, dev.nome.core.policy.Decision.Ask ask)
      throws Exception {
    events.approvalWaiting(c.callId, c.toolId, c.tier, false);
    ScrubbedText action =
        GateText.cap(scrubber, scrubber.scrub(GateText.action(c.request)), MAX_ACTION);
    if (action.isEmpty()) {
      action = scrubber.scrub(c.toolId);
    }
    ScrubbedText reason = GateText.cap(scrubber, scrubber.scrub(ask.reason()), 2_000);
    var question =
        new dev.nome.runner.approvals.ApprovalClient.Ask(
            run.workItemId(), run.runId(), c.toolId, c.tier, action, reason, timing.approvalTtl());
    long w = System.nanoTime();
    dev.nome.runner.approvals.ApprovalDecision answer;
    try {
      answer = approvals.raiseAndAwait(question);
    } catch (dev.nome.runner.control.RevokedException e) {
      throw e;
    } catch (java.io.IOException e) {
      link.down();
      return Optional.empty();
    } finally {
      c.waitNanos += System.nanoTime() - w;
    }
    link.up();
    Decision outcome =
        switch (answer.outcome()) {
          case APPROVED -> Decision.APPROVED;
          case DENIED, CANCELLED -> Decision.REJECTED;
          case EXPIRED, LOST_CONTACT -> Decision.EXPIRED;
        };
    if (answer.outcome() == dev.nome.runner.approvals.ApprovalDecision.Outcome.LOST_CONTACT) {
      link.down();
    }
    String requestId = Ids.isValid(answer.requestId()) ? answer.requestId() : "unknown-request";
    c.approvalId = Optional.of(requestId);
    c.comment = answer.comment().map(x -> " (" + x + ")").orElse("");
    events.approvalDone(c.callId, c.toolId, outcome.label());
    chain.append(
        new ApprovalRecord(
            requestId,
            action,
            c.toolId,
            c.tier,
            reason,
            answer.decidedBy().filter(Ids::isValid).orElse("system"),
            "control-plane",
            System.currentTimeMillis(),
            outcome,
            GateText.cap(scrubber, scrubber.scrub(answer.comment().orElse("")), 2_000)));
    return Optional.of(outcome);
  }

  private GateResult execute(Call c, Tool tool, Decision outcome, String ruleId) throws Exception {
    ToolIntent intent =
        new ToolIntent(c.callId, c.toolId, c.tier, c.input, outcome, ruleId, c.approvalId);
    long[] toolNanosHolder = new long[1];
    ToolOutput out =
        chain.afterIntent(
            intent,
            ack -> {
              // only the tool itself is timed here: recording the intent is the gate's own cost
              long t = System.nanoTime();
              try {
                return tool.run(c.request.input(), workspace);
              } catch (ToolException e) {
                return ToolOutput.failed("error: " + e.getMessage());
              } finally {
                toolNanosHolder[0] = System.nanoTime() - t;
              }
            });
    long toolNanos = toolNanosHolder[0];
    c.waitNanos += toolNanos;
    ScrubbedText scrubbed = scrubber.scrub(out.text());
    chain.append(
        new ToolReceipt(
            c.callId,
            c.toolId,
            c.tier,
            c.input,
            Optional.of(c.fingerprint),
            outcome,
            ruleId,
            c.approvalId,
            OutputSummary.of(scrubbed, OutputSummary.MAX_HEAD, scrubber::scrub),
            toolNanos / 1_000_000,
            out.success(),
            out.exitCode()));
    return c.result(true, outcome, scrubbed, out.success(), ruleId, Optional.empty());
  }

  private void halt(StopReason reason, String message) {
    if (stop == null) {
      stop = reason;
      stopMessage = message;
    }
  }

  private void stopRevoked() {
    if (stop == null) {
      halt(StopReason.HOST_REVOKED, "this host was revoked on the control plane");
      try {
        chain.append(
            new HostRevoked(
                run.hostId(), scrubber.scrub("the control plane refused this host's token")));
      } catch (ReceiptNotPersistedException | RuntimeException e) {
        // the run stops either way
      }
    }
  }

  /** One call on its way through the gate. */
  private final class Call {
    final ToolRequest request;
    final long started;
    final String callId;
    final String toolId;
    final ScrubbedText input;
    final Fingerprint fingerprint;
    Tier tier = Tier.DANGER;
    long waitNanos;
    Optional<String> approvalId = Optional.empty();
    String comment = "";
    Pending pending;
    String deferred;

    Call(ToolRequest request, long started) {
      this.request = request;
      this.started = started;
      this.callId = Ids.isValid(request.callId()) ? request.callId() : "call-" + (++anonymousCalls);
      this.toolId = Ids.isValid(request.tool()) ? request.tool() : "invalid-tool-name";
      String raw = GateText.input(request.input());
      this.input = GateText.cap(scrubber, scrubber.scrub(raw), MAX_INPUT);
      this.fingerprint = fingerprints.of(raw);
    }

    GateResult result(
        boolean allowed,
        Decision decision,
        ScrubbedText output,
        boolean success,
        String reason,
        Optional<StopReason> stopNow) {
      long overhead = Math.max(0, System.nanoTime() - started - waitNanos);
      return new GateResult(
          request.callId(),
          request.tool(),
          allowed,
          decision,
          tier,
          input,
          output,
          success,
          scrubber.scrub(reason),
          approvalId,
          stopNow,
          overhead);
    }

    /** A refusal that cannot be recorded (the run is stopping). */
    GateResult refused(Decision decision, Tier t, String why, Optional<StopReason> stopNow) {
      tier = t;
      return result(false, decision, scrubber.scrub("denied: " + why), false, why, stopNow);
    }

    /** A refusal, recorded as the call's receipt before it is returned. */
    GateResult deniedAndRecorded(Decision decision, String ruleId, String why) throws Exception {
      ScrubbedText message = scrubber.scrub("denied: " + why);
      chain.append(
          new ToolReceipt(
              callId,
              toolId,
              tier,
              input,
              Optional.of(fingerprint),
              decision,
              ruleId,
              approvalId,
              OutputSummary.of(message, OutputSummary.MAX_HEAD, scrubber::scrub),
              0,
              false,
              OptionalInt.empty()));
      return result(false, decision, message, false, why, Optional.empty());
    }

    GateResult withStop(GateResult r, StopReason s) {
      return new GateResult(
          r.callId(),
          r.tool(),
          r.allowed(),
          r.decision(),
          r.tier(),
          r.input(),
          r.output(),
          r.success(),
          r.reason(),
          r.approvalId(),
          Optional.of(s),
          r.overheadNanos());
    }
  }
}
