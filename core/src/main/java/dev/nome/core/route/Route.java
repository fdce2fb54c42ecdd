package dev.nome.core.route;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a run reaches a model: a provider CLI the user is signed in to on the host (a seat), or a key
 * from the vault (BYOK). Parsed strictly: anything not of the documented forms is refused rather
 * than guessed, because a guessed route could spend the wrong account (P11).
 */
public sealed interface Route {

  /** The provider CLIs NOME can drive as seats. */
  Set<String> SEAT_CLIS = Set.of("claude", "codex", "gemini");

  /** A provider CLI on the host, e.g. {@code seat:claude}. */
  record Seat(String cli) implements Route {
    public Seat {
      if (!SEAT_CLIS.contains(cli)) {
        throw new IllegalArgumentException(
            "unknown seat '" + cli + "': use seat:claude, seat:codex or seat:gemini");
      }
    }

    @Override
    public String text() {
      return "seat:" + cli;
    }
  }

  /** A vault key by name, with the model to use when one is named. */
  record Byok(String keyName, Optional<String> model) implements Route {
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,79}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");

    public Byok {
      if (keyName == null || !KEY_NAME.matcher(keyName).matches()) {
        throw new IllegalArgumentException(
            "a BYOK route names a vault key: byok:KEY-NAME or byok:KEY-NAME/MODEL");
      }
      if (model == null) {
        throw new IllegalArgumentException("model must be present or empty");
      }
      model.ifPresent(
          m -> {
            if (!MODEL.matcher(m).matches()) {
              throw new IllegalArgumentException("not a model id: '" + m + "'");
            }
          });
    }

    @Override
    public String text() {
      return "byok:" + keyName + model.map(m -> "/" + m).orElse("");
    }
  }

  /** The route as the user writes it. */
  String text();

  /**
   * Parses {@code seat:CLI} or {@code byok:KEY-NAME[/MODEL]}.
   *
   * @throws IllegalArgumentException with a message saying what is accepted
   */
  static Route parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a route is required: seat:CLI or byok:KEY-NAME[/MODEL]");
    }
    String t = text.strip();
    if (t.startsWith("seat:")) {
      return new Seat(t.substring("seat:".length()));
    }
    if (t.startsWith("byok:")) {
      String rest = t.substring("byok:".length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        return new Byok(rest, Optional.empty());
      }
      return new Byok(rest.substring(0, slash), Optional.of(rest.substring(slash + 1)));
    }
    throw new IllegalArgumentException(
        "unknown route '"
            + t
            + "': use seat:claude, seat:codex, seat:gemini or byok:KEY-NAME[/MODEL]");
  }
}
