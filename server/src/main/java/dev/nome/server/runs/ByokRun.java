package dev.nome.server.runs;

import java.util.Optional;

/**
 * What the model proxy needs to serve a byok run that has not ended: which host may call for it,
 * whose vault holds the key, the key's name (looked up again on every call, so a removed key stops
 * the run), the model the route named and the key's provider at the time the run started.
 */
public record ByokRun(
    String runId,
    String hostId,
    String accountId,
    String keyName,
    Optional<String> model,
    String provider) {}
