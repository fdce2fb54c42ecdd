package dev.nome.core.receipt;

import dev.nome.core.Tier;
import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate is about to run a tool call. Recorded, durably, before the call runs: a call whose
 * intent cannot be persisted does not run (see {@link RunChain}). Its {@link ToolReceipt} follows.
 *
 * @param callId the id of this call within the run; its {@link ToolReceipt} carries the same one
 * @param tool the tool's name
 * @param tier the risk tier the classifier gave the call
 * @param input the call's input, scrubbed
 * @param decision what policy (or a person) decided
 * @param rule the id of the policy rule that made the decision
 * @param approvalRef the approval request that decided it, when a person did
 */
public record ToolIntent(
    String callId,
    String tool,
    Tier tier,
    ScrubbedText input,
    Decision decision,
    String rule,
    Optional<String> approvalRef)
    implements Receipt {

  public ToolIntent {
    Ids.check("call id", callId);
    Ids.check("tool", tool);
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(input, "input");
    Bounds.check("tool input", input, Bounds.INPUT);
    Objects.requireNonNull(decision, "decision");
    Ids.check("rule", rule);
    approvalRef.ifPresent(a -> Ids.check("approval reference", a));
  }

  @Override
  public String type() {
    return "tool_intent";
  }
}
