package dev.nome.core.receipt;

import java.util.Locale;

/** What the gate or a person decided about a tool call. */
public enum Decision {
  /** Policy allowed it without asking. */
  ALLOWED,
  /** Policy refused it. */
  DENIED,
  /** A person approved it. */
  APPROVED,
  /** A person refused it. */
  REJECTED,
  /** Nobody decided in time, or contact was lost: a denial. */
  EXPIRED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Decision parse(String label) {
    for (Decision d : values()) {
      if (d.label().equals(label)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown decision '" + label + "'");
  }
}
