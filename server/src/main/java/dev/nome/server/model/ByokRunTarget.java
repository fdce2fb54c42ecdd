package dev.nome.server.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What a BYOK run's route resolved to when the run started.
 *
 * @param accountId the account whose vault holds the key (the host's account)
 * @param keyId the vault key's id (not its name: a key removed and added again under the same name
 *     is another key, and the run stops rather than switch to it, P11)
 * @param model the model the route named; empty means the provider's default
 */
public record ByokRunTarget(String accountId, String keyId, Optional<String> model) {
  public ByokRunTarget {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(model, "model");
  }
}
