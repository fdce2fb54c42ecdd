package dev.nome.core.policy;

import java.util.Locale;

/**
 * What a tool call does while the control plane cannot be reached (no approvals can be asked for).
 * Ordered from loosest to strictest so that layering keeps the stricter of two values.
 */
public enum OfflineMode {
  /**
   * Calls of tier read run as they would online; any other call, and any call that would need
   * approval, is denied.
   */
  ALLOW_READ("allow-read"),
  /** Every call waits, and is asked for when the control plane is back. */
  QUEUE("queue"),
  /** Every call is denied. */
  DENY("deny");

  private final String label;

  OfflineMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public OfflineMode stricter(OfflineMode other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** Parses {@code deny}, {@code allow-read} or {@code queue}. */
  public static OfflineMode parse(String text) {
    for (OfflineMode m : values()) {
      if (m.label.equals(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown offline '"
            + text.toLowerCase(Locale.ROOT)
            + "' (expected deny, allow-read or queue)");
  }
}
