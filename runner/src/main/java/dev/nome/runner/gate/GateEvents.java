package dev.nome.runner.gate;

import dev.nome.core.Tier;

/** What the gate reports while it works, for the terminal and the run's live view. */
public interface GateEvents {

  GateEvents NONE = new GateEvents() {};

  /** A call waits for a person ({@code queued}: until the control plane is back first). */
  default void approvalWaiting(String callId, String tool, Tier tier, boolean queued) {}

  /** The wait ended; {@code outcome} is approved, rejected, expired or denied. */
  default void approvalDone(String callId, String tool, String outcome) {}
}
