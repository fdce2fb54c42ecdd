package dev.nome.server.runs;

import java.util.Optional;

/**
 * What the model proxy needs to serve a byok run that has not ended: which host may call for it,
 * whose vault holds the key, the key's name and the id of the key it resolved to (only that key
 * serves the run, and a removed key stops it), the model the route named and the key's provider at
 * the time the run started.
 */
public record ByokRun(
    String runId,
    String hostId,
    String accountId,
    String keyName,
    String keyId,
    Optional<String> model,
    String provider) {}
