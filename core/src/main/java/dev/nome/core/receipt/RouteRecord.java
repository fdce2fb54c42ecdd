package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The route a run took (P6): metadata only, never a credential.
 *
 * @param authLane how the run authenticates, e.g. {@code seat} or {@code byok}
 * @param costLane who pays, e.g. {@code provider-subscription} or {@code byok-metered}
 * @param provider e.g. {@code anthropic}
 * @param cli the provider CLI, e.g. {@code claude}; {@code none} for NOME's own loop
 * @param cliVersion what the CLI's version command printed (scrubbed, it is CLI output)
 * @param model the model id
 * @param withheld the names (never the values) of the environment variables kept from the agent's
 *     processes because they look like credentials (P4); empty when none were
 */
public record RouteRecord(
    String authLane,
    String costLane,
    String provider,
    String cli,
    ScrubbedText cliVersion,
    String model,
    List<String> withheld)
    implements Receipt {

  /** The most names kept: an environment holds far fewer credential-shaped variables. */
  public static final int MAX_WITHHELD = 256;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public RouteRecord(
      String authLane,
      String costLane,
      String provider,
      String cli,
      ScrubbedText cliVersion,
      String model) {
    this(authLane, costLane, provider, cli, cliVersion, model, List.of());
  }

  public RouteRecord {
    Ids.check("auth lane", authLane);
    Ids.check("cost lane", costLane);
    Ids.check("provider", provider);
    Ids.check("cli", cli);
    Objects.requireNonNull(cliVersion, "cliVersion");
    Bounds.check("cli version", cliVersion, Bounds.SHORT);
    Ids.check("model", model);
    withheld = List.copyOf(withheld);
    if (withheld.size() > MAX_WITHHELD) {
      throw new IllegalArgumentException("more than " + MAX_WITHHELD + " withheld names");
    }
    for (String name : withheld) {
      if (!ENV_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("a withheld name is not an environment variable name");
      }
    }
  }

  @Override
  public String type() {
    return "route";
  }
}
