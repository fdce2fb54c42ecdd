package dev.nome.runner.approvals;

import java.util.Optional;

/**
 * How an approval request ended, as the runner acts on it. Only {@link Outcome#APPROVED} lets the
 * gated call run; everything else, including losing contact with the control plane, is a denial.
 *
 * @param requestId the request
 * @param outcome approved, denied, expired, cancelled, or lost (no contact past the expiry)
 * @param decidedBy who decided, when a person did
 * @param comment what they wrote, if anything
 */
public record ApprovalDecision(
    String requestId, Outcome outcome, Optional<String> decidedBy, Optional<String> comment) {

  public enum Outcome {
    APPROVED,
    DENIED,
    EXPIRED,
    CANCELLED,
    /** No word from the control plane until past the expiry: a denial. */
    LOST_CONTACT;

    static Optional<Outcome> ofState(String state) {
      return switch (state) {
        case "approved" -> Optional.of(APPROVED);
        case "denied" -> Optional.of(DENIED);
        case "expired" -> Optional.of(EXPIRED);
        case "cancelled" -> Optional.of(CANCELLED);
        default -> Optional.empty();
      };
    }
  }

  public boolean allows() {
    return outcome == Outcome.APPROVED;
  }
}
