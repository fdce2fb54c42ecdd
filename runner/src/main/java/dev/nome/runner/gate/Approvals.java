package dev.nome.runner.gate;

import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.approvals.ApprovalDecision;
import java.io.IOException;

/**
 * Raises an approval request and waits for its decision; {@code ApprovalClient::raiseAndAwait}. An
 * {@link IOException} means the control plane could not be reached (the offline rule applies); a
 * {@code RevokedException} means this host was revoked (the run stops).
 */
@FunctionalInterface
public interface Approvals {
  ApprovalDecision raiseAndAwait(ApprovalClient.Ask ask) throws IOException, InterruptedException;
}
