package dev.nome.runner.agent;

import dev.nome.core.route.StopReason;
import dev.nome.runner.model.Usage;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run of the loop ended.
 *
 * @param status {@code succeeded}, {@code failed} or {@code stopped} (the run statuses of the API)
 * @param reason the typed stop reason, when it did not succeed
 * @param message one line for the terminal, scrubbed
 * @param usage the tokens the model used in all turns
 * @param steps model turns taken
 * @param toolCalls tool calls sent through the gate
 */
public record RunOutcome(
    String status,
    Optional<StopReason> reason,
    String message,
    Usage usage,
    int steps,
    int toolCalls) {
  public RunOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(usage, "usage");
  }

  /** {@code 7 turns, 6 tool calls, 5120 tokens in, 220 out}. */
  public String totals() {
    return steps
        + " turns, "
        + toolCalls
        + " tool calls, "
        + usage.inputTokens()
        + " tokens in, "
        + usage.outputTokens()
        + " out";
  }

  public boolean succeeded() {
    return status.equals("succeeded");
  }
}
