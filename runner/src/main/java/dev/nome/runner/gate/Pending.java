package dev.nome.runner.gate;

import dev.nome.core.Tier;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.Fingerprint;
import dev.nome.core.secrets.ScrubbedText;
import java.util.Optional;

/** An admitted call that a provider CLI is running: what its {@code ToolReceipt} will say. */
public record Pending(
    String callId,
    String toolId,
    Tier tier,
    ScrubbedText input,
    Fingerprint fingerprint,
    Decision outcome,
    String ruleId,
    Optional<String> approvalId) {}
