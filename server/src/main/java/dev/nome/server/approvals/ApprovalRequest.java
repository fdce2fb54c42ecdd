package dev.nome.server.approvals;

import dev.nome.core.Tier;
import java.time.Instant;
import java.util.Optional;

/**
 * An approval request as stored. {@code action} and {@code reason} have passed the scrubber; they
 * are still untrusted text and must be shown through {@link dev.nome.core.text.VisibleText}.
 */
public record ApprovalRequest(
    String id,
    String accountId,
    String hostId,
    String hostName,
    Optional<String> workItemId,
    String runId,
    String tool,
    Tier tier,
    String action,
    String reason,
    Instant requestedAt,
    Instant expiresAt,
    ApprovalState state,
    Optional<Instant> decidedAt,
    Optional<String> decidedBy,
    Optional<String> decidedFrom,
    Optional<String> comment) {

  /** True when the request is still pending but its time is up: it counts as expired. */
  public boolean overdue(Instant now) {
    return state == ApprovalState.PENDING && !now.isBefore(expiresAt);
  }
}
