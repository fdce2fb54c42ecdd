package dev.nome.core.policy;

import dev.nome.core.Tier;
import java.util.Locale;

/**
 * The tier from which a human must approve a tool call. Ordered from strictest ({@link #READ}:
 * every call asks) to loosest ({@link #NEVER}: no call asks), so that layering can keep the
 * stricter of two values with {@link #stricter}.
 */
public enum ApproveAt {
  READ,
  WRITE,
  DANGER,
  NEVER;

  /** True when a call of {@code tier} needs a human. */
  public boolean needsApproval(Tier tier) {
    return switch (this) {
      case NEVER -> false;
      case READ -> true;
      case WRITE -> tier.compareTo(Tier.WRITE) >= 0;
      case DANGER -> tier == Tier.DANGER;
    };
  }

  public ApproveAt stricter(ApproveAt other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read}, {@code write}, {@code danger} or {@code never}. */
  public static ApproveAt parse(String text) {
    for (ApproveAt a : values()) {
      if (a.label().equals(text)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown approve_at '" + text + "' (expected read, write, danger or never)");
  }
}
