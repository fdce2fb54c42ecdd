package dev.nome.server.hosts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The provider CLI states a runner reports for its host, as accepted by the server: only enumerated
 * auth states and short, plain fields survive, so a runner (or whoever holds its token) cannot
 * store arbitrary text, let alone a credential, through this report.
 *
 * @param withheld names (never values) of credential-shaped environment variables the runner kept
 *     out of the status commands
 */
public record SeatReport(List<Seat> seats, List<String> withheld) {

  /** Auth states a runner may report; anything else is refused. */
  public static final Set<String> AUTH_STATES =
      Set.of("signed-in", "signed-out", "unknown", "unknown-until-first-run", "not-installed");

  public static final Set<String> CLIS = Set.of("claude-code", "codex", "gemini");

  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{0,40}");
  private static final Pattern METHOD = Pattern.compile("[a-z0-9._-]{0,32}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /** One provider CLI on the host. {@code method} is e.g. claude.ai, api_key, chatgpt. */
  public record Seat(
      @JsonProperty("cli") String cli,
      @JsonProperty("version") String version,
      @JsonProperty("auth") String auth,
      @JsonProperty("method") String method) {}

  /** Checks every field; returns a message for the first problem, or null when acceptable. */
  public String problem() {
    if (seats == null || seats.size() > 10) {
      return "seats must be a list of at most 10 entries";
    }
    for (Seat s : seats) {
      if (s == null || s.cli() == null || !CLIS.contains(s.cli())) {
        return "cli must be one of " + CLIS;
      }
      if (s.auth() == null || !AUTH_STATES.contains(s.auth())) {
        return "auth must be one of " + AUTH_STATES;
      }
      if (s.version() != null && !VERSION.matcher(s.version()).matches()) {
        return "version has unexpected characters";
      }
      if (s.method() != null && !METHOD.matcher(s.method()).matches()) {
        return "method has unexpected characters";
      }
    }
    if (withheld != null) {
      if (withheld.size() > 100) {
        return "withheld lists at most 100 names";
      }
      for (String n : withheld) {
        if (n == null || !ENV_NAME.matcher(n).matches()) {
          return "withheld holds variable names only";
        }
      }
    }
    return null;
  }
}
