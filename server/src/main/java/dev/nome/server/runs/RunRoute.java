package dev.nome.server.runs;

import java.util.Optional;

/**
 * The route record of a run (P6): metadata only, never a credential.
 *
 * @param authLane {@code seat} or {@code byok}
 * @param costLane {@code provider-subscription} or {@code byok-metered}
 * @param provider e.g. {@code anthropic}; empty when the route could not be resolved
 * @param cli the provider CLI of a seat, or {@code none} for NOME's own loop (byok)
 * @param cliVersion what the CLI's version command printed, as the host reported it (scrubbed)
 * @param model the model named by the route; empty when the provider's default is used
 */
public record RunRoute(
    String authLane,
    String costLane,
    Optional<String> provider,
    String cli,
    Optional<String> cliVersion,
    Optional<String> model) {

  public static final String SEAT = "seat";
  public static final String BYOK = "byok";
  public static final String PROVIDER_SUBSCRIPTION = "provider-subscription";
  public static final String BYOK_METERED = "byok-metered";
  public static final String NO_CLI = "none";
}
