package dev.nome.server.audit;

import dev.nome.core.receipt.Checkpoint;
import dev.nome.core.receipt.Digest;

/**
 * The acknowledgement of a stored batch: durable once returned. The run is accepted through {@code
 * seq} (its head {@code head}), which sits at {@code leafIndex} in the audit log under the signed
 * {@code checkpoint}.
 */
public record Accepted(
    String runId, long seq, Digest head, long leafIndex, Checkpoint checkpoint) {}
