package dev.nome.server.model;

/**
 * Where the model proxy adds the tokens of each provider answer it passes on. The control plane
 * adds them to the run's totals in its runs store, so the usage of a byok run is the proxy's count,
 * not a host's report.
 */
@FunctionalInterface
public interface ModelUsageSink {

  /** Counts nothing (the proxy tested alone, with a stand-in run lookup). */
  ModelUsageSink NONE = (runId, inputTokens, outputTokens) -> {};

  /**
   * Adds one answer's usage to run {@code runId}; must be atomic under concurrent calls. An
   * exception fails the call: an answer whose usage cannot be recorded is not passed on.
   */
  void add(String runId, long inputTokens, long outputTokens);
}
