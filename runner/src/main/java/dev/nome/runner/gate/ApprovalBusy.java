package dev.nome.runner.gate;

/**
 * Thrown by a seat's {@link Approvals} when a call needs a person while another call of the run
 * already waits for one: the gate refuses this call, records why, and the model may ask again once
 * the first is decided.
 */
public final class ApprovalBusy extends RuntimeException {

  /** The rule the refusal is recorded under. */
  static final String RULE = "gate:one-approval-at-a-time";

  /** The refusal's reason, as the model and the receipt see it. */
  static final String REASON =
      "another call of this run is waiting for a person; ask again once it is decided";

  public ApprovalBusy() {
    super(REASON, null, false, false);
  }
}
