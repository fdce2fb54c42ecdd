package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;

/**
 * The route a run took (P6): metadata only, never a credential.
 *
 * @param authLane how the run authenticates, e.g. {@code seat} or {@code byok}
 * @param costLane who pays, e.g. {@code provider-subscription} or {@code byok-metered}
 * @param provider e.g. {@code anthropic}
 * @param cli the provider CLI, e.g. {@code claude}; {@code none} for NOME's own loop
 * @param cliVersion what the CLI's version command printed (scrubbed, it is CLI output)
 * @param model the model id
 */
public record RouteRecord(
    String authLane,
    String costLane,
    String provider,
    String cli,
    ScrubbedText cliVersion,
    String model)
    implements Receipt {

  public RouteRecord {
    Ids.check("auth lane", authLane);
    Ids.check("cost lane", costLane);
    Ids.check("provider", provider);
    Ids.check("cli", cli);
    Objects.requireNonNull(cliVersion, "cliVersion");
    Bounds.check("cli version", cliVersion, Bounds.SHORT);
    Ids.check("model", model);
  }

  @Override
  public String type() {
    return "route";
  }
}
