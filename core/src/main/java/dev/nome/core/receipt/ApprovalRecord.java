package dev.nome.core.receipt;

import dev.nome.core.Tier;
import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;

/**
 * A person's decision on an approval request (P10).
 *
 * @param requestId the approval request
 * @param proposedAction what the agent wanted to do, scrubbed
 * @param tool the tool it wanted to use
 * @param tier the call's risk tier
 * @param reason why the request was raised, scrubbed
 * @param decidedBy the account that decided; {@code system} for expiry
 * @param deviceId the signed-in device it was decided from
 * @param decidedAtMillis when, in epoch milliseconds
 * @param decision approved, rejected or expired
 * @param comment what the person wrote, scrubbed; may be empty
 */
public record ApprovalRecord(
    String requestId,
    ScrubbedText proposedAction,
    String tool,
    Tier tier,
    ScrubbedText reason,
    String decidedBy,
    String deviceId,
    long decidedAtMillis,
    Decision decision,
    ScrubbedText comment)
    implements Receipt {

  public ApprovalRecord {
    Ids.check("request id", requestId);
    Objects.requireNonNull(proposedAction, "proposedAction");
    Bounds.check("proposed action", proposedAction, Bounds.INPUT);
    Ids.check("tool", tool);
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(reason, "reason");
    Bounds.check("approval reason", reason, Bounds.REASON);
    Ids.check("decided by", decidedBy);
    Ids.check("device id", deviceId);
    if (decidedAtMillis < 0 || decidedAtMillis > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("decision time out of range");
    }
    Objects.requireNonNull(decision, "decision");
    if (decision == Decision.ALLOWED || decision == Decision.DENIED) {
      throw new IllegalArgumentException("an approval is approved, rejected or expired");
    }
    Objects.requireNonNull(comment, "comment");
    Bounds.check("approval comment", comment, Bounds.REASON);
  }

  @Override
  public String type() {
    return "approval";
  }
}
