package dev.nome.server.runs;

import dev.nome.core.route.Route;
import dev.nome.core.route.StopReason;
import dev.nome.server.vault.KeyVault;
import dev.nome.server.vault.ProviderKey;
import java.util.Optional;

/**
 * Resolves a byok route against the owner's vault before anything runs (P11): the key must exist by
 * name, not have been removed, and the model, when named, must be one the key can serve. Nothing
 * here falls back to another key or model. The model proxy can ask the same question again on every
 * call, so a key removed mid-run stops the run.
 */
public final class RouteResolver {

  private final KeyVault vault;
  private final ModelFamilies models;

  public RouteResolver(KeyVault vault, ModelFamilies models) {
    this.vault = vault;
    this.models = models;
  }

  /** The outcome of resolving a byok route. */
  public sealed interface Resolution {
    /** The key exists and can serve the model. */
    record Resolved(ProviderKey key, Optional<String> model) implements Resolution {}

    /** The route cannot run; the run stops with this reason. */
    record Refused(Refusal refusal) implements Resolution {}
  }

  public Resolution resolve(String accountId, Route.Byok route) {
    Optional<ProviderKey> key = vault.byName(accountId, route.keyName());
    if (key.isEmpty()) {
      return vault.wasRemoved(accountId, route.keyName())
          ? refused(
              StopReason.KEY_REMOVED,
              "the key \"" + route.keyName() + "\" was removed from the vault")
          : refused(StopReason.KEY_MISSING, "there is no key named \"" + route.keyName() + "\"");
    }
    if (route.model().isPresent() && !models.allows(key.get().provider(), route.model().get())) {
      return refused(
          StopReason.MODEL_UNAVAILABLE,
          "the key \""
              + route.keyName()
              + "\" is for "
              + key.get().provider().label()
              + " and cannot serve the model "
              + route.model().get());
    }
    return new Resolution.Resolved(key.get(), route.model());
  }

  private static Resolution refused(StopReason reason, String message) {
    return new Resolution.Refused(new Refusal(reason, message));
  }
}
