package dev.nome.runner.gate;

import dev.nome.core.Tier;
import dev.nome.core.receipt.Decision;
import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate gives back for one tool call, once its receipt is durable.
 *
 * @param callId the agent's id for the call
 * @param tool the tool's name
 * @param allowed whether the call ran
 * @param decision what policy or a person decided
 * @param tier the call's risk tier
 * @param input the call's input, scrubbed (and cut), as the receipts hold it
 * @param output what the model may see: the scrubbed output, or why the call was refused
 * @param success whether the call ran and succeeded
 * @param reason one line on the decision, scrubbed (the deciding rule or the refusal)
 * @param approvalId the approval request that decided it, when a person was asked
 * @param stop set when the run must stop now (audit unavailable, host revoked, budget spent)
 * @param overheadNanos the gate's own time for this call: everything but the tool and the wait for
 *     a person
 */
public record GateResult(
    String callId,
    String tool,
    boolean allowed,
    Decision decision,
    Tier tier,
    ScrubbedText input,
    ScrubbedText output,
    boolean success,
    ScrubbedText reason,
    Optional<String> approvalId,
    Optional<StopReason> stop,
    long overheadNanos) {

  public GateResult {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(stop, "stop");
  }

  /** Whether the model should see this result as an error (refused, or ran and failed). */
  public boolean isError() {
    return !allowed || !success;
  }
}
