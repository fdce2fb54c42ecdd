package dev.nome.server.runs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a run stands. A run is created {@link #STARTING}; {@link #SUCCEEDED}, {@link #FAILED} and
 * {@link #STOPPED} are final: nothing moves a run out of them.
 */
public enum RunState {
  STARTING,
  RUNNING,
  WAITING_APPROVAL,
  SUCCEEDED,
  FAILED,
  STOPPED;

  /** The code on the wire and in the database, e.g. {@code waiting-approval}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == STOPPED;
  }

  public static Optional<RunState> parse(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
  }

  /** The final codes, for SQL conditions. */
  static final String TERMINAL_SQL = "('succeeded', 'failed', 'stopped')";
}
