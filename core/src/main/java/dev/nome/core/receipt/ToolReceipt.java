package dev.nome.core.receipt;

import dev.nome.core.Tier;
import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One tool call and what came of it (P13).
 *
 * @param callId the id of this call within the run (the same as its {@link ToolIntent})
 * @param tool the tool's name
 * @param tier the risk tier the classifier gave the call
 * @param input the call's input, scrubbed
 * @param inputFingerprint a keyed HMAC of the raw input, to match equal calls without reading them
 * @param decision what policy (or a person) decided
 * @param rule the id of the policy rule that made the decision
 * @param approvalRef the approval request that decided it, when a person did
 * @param output a bounded summary of the scrubbed output
 * @param durationMillis how long the call ran
 * @param success whether the call succeeded
 * @param exitCode the process exit code, for tools that run a process
 */
public record ToolReceipt(
    String callId,
    String tool,
    Tier tier,
    ScrubbedText input,
    Optional<Fingerprint> inputFingerprint,
    Decision decision,
    String rule,
    Optional<String> approvalRef,
    OutputSummary output,
    long durationMillis,
    boolean success,
    OptionalInt exitCode)
    implements Receipt {

  public ToolReceipt {
    Ids.check("call id", callId);
    Ids.check("tool", tool);
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(input, "input");
    Bounds.check("tool input", input, Bounds.INPUT);
    Objects.requireNonNull(inputFingerprint, "inputFingerprint");
    Objects.requireNonNull(decision, "decision");
    Ids.check("rule", rule);
    approvalRef.ifPresent(a -> Ids.check("approval reference", a));
    Objects.requireNonNull(output, "output");
    if (durationMillis < 0 || durationMillis > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("duration out of range");
    }
    Objects.requireNonNull(exitCode, "exitCode");
  }

  @Override
  public String type() {
    return "tool";
  }
}
