package dev.nome.server.runs;

import dev.nome.core.receipt.ApprovalRecord;
import dev.nome.core.receipt.ArtifactRef;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.HostRevoked;
import dev.nome.core.receipt.Problem;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStarted;
import dev.nome.core.receipt.ToolIntent;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.receipt.Verification;
import dev.nome.server.audit.AuditApi;
import dev.nome.server.audit.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run's receipts from the audit store, decoded for people, and whether its chain verifies as an
 * exported bundle would (chain, signatures, inclusion in the signed log).
 */
public final class RunTimeline {

  /** What the run page shows of the audit trail. */
  public record View(List<TimelineEntry> entries, Optional<Verification> verification) {

    /** A sentence about the chain's state. */
    public String verificationText() {
      if (verification.isEmpty()) {
        return "no receipts yet";
      }
      return switch (verification.get()) {
        case Verification.Verified v ->
            "verified: " + v.receipts() + " receipts, chain and signatures intact, in the log";
        case Verification.Failed f -> "does not verify: " + f.problem().describe();
      };
    }

    public boolean verified() {
      return verification.map(Verification::ok).orElse(false);
    }
  }

  private final AuditApi audit;

  public RunTimeline(AuditApi audit) {
    this.audit = audit;
  }

  /**
   * The run's receipts and the verdict on its chain. A chain that another host started under this
   * run's id, or that names another work item, is not shown as this run's trail.
   */
  public View of(Run run) {
    Optional<AuditStore.StoredRun> stored = audit.store().read(run.id());
    if (stored.isEmpty()) {
      return new View(List.of(), Optional.empty());
    }
    List<String> wire = stored.get().receipts();
    Optional<String> foreign = foreignStart(run, wire.isEmpty() ? null : wire.getFirst());
    if (foreign.isPresent()) {
      return new View(
          List.of(),
          Optional.of(
              new Verification.Failed(
                  new Problem(
                      Optional.of(run.id()),
                      OptionalLong.of(0),
                      Problem.Kind.SPLICED,
                      foreign.get()))));
    }
    List<TimelineEntry> entries = new ArrayList<>();
    long seq = 0;
    for (String w : wire) {
      entries.add(entry(w, seq++));
    }
    return new View(entries, audit.verifyRun(run.id()));
  }

  /** Why the chain's first receipt does not start this run, if it does not. */
  private Optional<String> foreignStart(Run run, String first) {
    try {
      if (first != null
          && ReceiptJson.parse(first, audit.scrubber()).receipt() instanceof RunStarted s) {
        if (!s.hostId().equals(run.hostId())) {
          return Optional.of("the receipts were started by another host than this run's");
        }
        if (!s.workItemId().equals(Optional.of(run.workItemId()))) {
          return Optional.of("the receipts name another work item than this run's");
        }
        return Optional.empty();
      }
    } catch (IllegalArgumentException e) {
      // fall through: an unreadable start is not this run's start
    }
    return Optional.of("the receipts do not begin with this run's start");
  }

  private TimelineEntry entry(String wire, long position) {
    ChainedReceipt c;
    try {
      c = ReceiptJson.parse(wire, audit.scrubber());
    } catch (IllegalArgumentException e) {
      return new TimelineEntry(
          position,
          Instant.EPOCH,
          "unreadable",
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          "",
          "this receipt cannot be decoded");
    }
    Instant at = Instant.ofEpochMilli(c.atMillis());
    String kind = c.receipt().type();
    return switch (c.receipt()) {
      case ToolReceipt t ->
          new TimelineEntry(
              c.seq(),
              at,
              kind,
              Optional.of(t.tool()),
              Optional.of(t.tier().label()),
              Optional.of(t.decision().label()),
              t.approvalRef(),
              Optional.of(t.durationMillis()),
              Optional.of(t.success()),
              t.input().value(),
              t.output().head().value()
                  + (t.output().complete() ? "" : " … (" + t.output().fullBytes() + " bytes)"));
      case ToolIntent t ->
          plain(
              c,
              at,
              kind,
              Optional.of(t.tool()),
              Optional.of(t.tier().label()),
              Optional.of(t.decision().label()),
              t.approvalRef(),
              t.input().value(),
              "about to run");
      case ApprovalRecord a ->
          plain(
              c,
              at,
              kind,
              Optional.of(a.tool()),
              Optional.of(a.tier().label()),
              Optional.of(a.decision().label()),
              Optional.of(a.requestId()),
              a.proposedAction().value(),
              "by " + a.decidedBy() + " from " + a.deviceId() + commentOf(a));
      case RouteRecord r ->
          plain(
              c,
              at,
              kind,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              "",
              r.authLane()
                  + " / "
                  + r.costLane()
                  + " / "
                  + r.provider()
                  + " / "
                  + r.cli()
                  + (r.cliVersion().isEmpty() ? "" : " " + r.cliVersion().value())
                  + " / "
                  + r.model()
                  + (r.withheld().isEmpty()
                      ? ""
                      : "; withheld from the agent: " + String.join(", ", r.withheld())));
      case RunStarted s ->
          plain(c, at, kind, none(), none(), none(), none(), "", "on host " + s.hostId());
      case ArtifactRef a ->
          plain(
              c,
              at,
              kind,
              none(),
              none(),
              none(),
              none(),
              "",
              a.kind().label() + " " + a.location().value() + " (" + a.size() + " bytes)");
      case RunEnded e ->
          plain(
              c,
              at,
              kind,
              none(),
              none(),
              none(),
              none(),
              "",
              e.status().label() + (e.stopReason().isEmpty() ? "" : ": " + e.stopReason().value()));
      case HostRevoked h ->
          plain(c, at, kind, none(), none(), none(), none(), "", h.reason().value());
    };
  }

  private static String commentOf(ApprovalRecord a) {
    return a.comment().isEmpty() ? "" : ": " + a.comment().value();
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  private static TimelineEntry plain(
      ChainedReceipt c,
      Instant at,
      String kind,
      Optional<String> tool,
      Optional<String> tier,
      Optional<String> decision,
      Optional<String> approval,
      String input,
      String summary) {
    return new TimelineEntry(
        c.seq(),
        at,
        kind,
        tool,
        tier,
        decision,
        approval,
        Optional.empty(),
        Optional.empty(),
        input,
        summary);
  }
}
