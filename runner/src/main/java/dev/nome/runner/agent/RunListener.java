package dev.nome.runner.agent;

import dev.nome.core.Tier;
import dev.nome.runner.model.Usage;

/**
 * Progress of a run as it happens, for {@code nome run} to print and to send to the control plane
 * (status, step and usage). Every text handed out here is scrubbed. Methods are called on the run's
 * thread, in order; they should return quickly.
 */
public interface RunListener {

  RunListener NONE = new RunListener() {};

  /** The run is at model turn {@code step} (1, 2, …); status {@code running}. */
  default void step(int step) {}

  /** A tool call waits for a person (status {@code waiting-approval}) or for the control plane. */
  default void approvalWaiting(String tool, Tier tier, boolean queued) {}

  /** The wait ended with {@code outcome} (approved, rejected, expired, denied). */
  default void approvalDone(String tool, String outcome) {}

  /** One line per tool call, e.g. {@code shell [write] allowed: make test -> exit 0}. */
  default void toolCall(String summary) {}

  /** The model's tokens so far in this run, and what the last turn added. */
  default void usage(Usage total, Usage added) {}

  /** The run ended. */
  default void finished(RunOutcome outcome) {}
}
