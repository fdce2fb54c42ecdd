package dev.nome.server.web;

import dev.nome.core.text.VisibleText;
import dev.nome.server.approvals.ApprovalRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An approval request as the Approvals page shows it. Every text that came from an agent, a policy
 * or a person goes through {@link VisibleText}, so nothing in it can hide (and the template escapes
 * HTML on top).
 */
public record ApprovalView(
    String id,
    String tool,
    String tier,
    VisibleText action,
    VisibleText reason,
    VisibleText host,
    String runId,
    String workItemId,
    String requestedAt,
    long expiresAtMillis,
    String timeLeft,
    String state,
    String decidedBy,
    String decidedFrom,
    String decidedAt,
    VisibleText comment) {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public static ApprovalView of(ApprovalRequest r, Instant now) {
    return new ApprovalView(
        r.id(),
        r.tool(),
        r.tier().label(),
        VisibleText.of(r.action()),
        VisibleText.of(r.reason()),
        VisibleText.of(r.hostName()),
        r.runId(),
        r.workItemId().orElse(""),
        WHEN.format(r.requestedAt()),
        r.expiresAt().toEpochMilli(),
        timeLeft(Duration.between(now, r.expiresAt())),
        r.state().label(),
        r.decidedBy().orElse(""),
        r.decidedFrom().orElse(""),
        r.decidedAt().map(WHEN::format).orElse(""),
        VisibleText.of(r.comment().orElse("")));
  }

  /** "9:41 left" (the page's script counts it down; this is the first value and the fallback). */
  static String timeLeft(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return "expired";
    }
    long s = d.toSeconds();
    return s >= 3600
        ? String.format("%d:%02d:%02d left", s / 3600, (s / 60) % 60, s % 60)
        : String.format("%d:%02d left", s / 60, s % 60);
  }
}
