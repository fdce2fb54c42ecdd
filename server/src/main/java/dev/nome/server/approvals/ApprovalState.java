package dev.nome.server.approvals;

import java.util.Locale;

/** Where an approval request stands. Only {@link #PENDING} may change, and only once. */
public enum ApprovalState {
  PENDING,
  APPROVED,
  DENIED,
  /** Nobody decided in time: a denial. */
  EXPIRED,
  /** The run ended or the host was revoked before anyone decided: nothing runs. */
  CANCELLED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True only for {@link #APPROVED}: every other final state means the action must not run. */
  public boolean allows() {
    return this == APPROVED;
  }

  public static ApprovalState parse(String label) {
    for (ApprovalState s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown approval state '" + label + "'");
  }

  /**
   * The label of this transition in the audit trail, following the receipt type ApprovalRecord's
   * decisions (a person's denial is "rejected" there).
   */
  String recordLabel() {
    return switch (this) {
      case PENDING -> "raised";
      case APPROVED -> "approved";
      case DENIED -> "rejected";
      case EXPIRED -> "expired";
      case CANCELLED -> "cancelled";
    };
  }
}
