package dev.nome.runner.gate;

/**
 * Thrown by a seat's {@link Approvals} when a call needs a person while another call of the run
 * already waits for one: the gate refuses this call, records why, and the model may ask again once
 * the first is decided.
 */
public final class ApprovalBusy extends RuntimeException {
  public ApprovalBusy() {
    super("another call of this run is waiting for a person", null, false, false);
  }
}
