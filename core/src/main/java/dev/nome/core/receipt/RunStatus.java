package dev.nome.core.receipt;

import java.util.Locale;

/** How a run ended. */
public enum RunStatus {
  COMPLETED,
  FAILED,
  STOPPED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus parse(String label) {
    for (RunStatus s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown run status '" + label + "'");
  }
}
