package dev.nome.core.shell;

/**
 * An unquoted tilde prefix: {@code ~} ({@code user} empty), {@code ~name}, {@code ~+} or {@code
 * ~-}. It is treated as static: {@link Word#literal()} keeps it as written ({@code ~/x}) so that
 * callers can resolve it to a home directory themselves. Only produced at the start of a word, and
 * after {@code =} or {@code :} in assignment values, where bash expands it.
 */
public record Tilde(String user, int start, int end) implements WordPart {
  /** The prefix as written. */
  public String text() {
    return "~" + user;
  }
}
