package dev.nome.server.model;

import java.util.Optional;

/**
 * Finds the BYOK run a host may call the model proxy for. The control plane answers from its runs
 * store; {@link #NONE} finds nothing, so every proxy call is refused (fail closed).
 */
@FunctionalInterface
public interface ByokRunLookup {

  /** A lookup that knows no runs. */
  ByokRunLookup NONE = (runId, hostId) -> Optional.empty();

  /**
   * The key and model of run {@code runId} when it exists, belongs to host {@code hostId}, is not
   * finished and has a BYOK route; empty otherwise (another host's run is not found either).
   */
  Optional<ByokRunTarget> find(String runId, String hostId);
}
