package dev.nome.core;

/**
 * How much harm a tool call can do, in increasing order. Every tool call gets one (P7); when in
 * doubt the answer is {@link #DANGER}.
 */
public enum Tier {
  /** Looks without changing anything. */
  READ,
  /** Changes files in the workspace or runs workspace code. */
  WRITE,
  /** Can do harm beyond the workspace, leak credentials, or was not fully understood. */
  DANGER;

  /** The higher of two tiers. */
  public Tier max(Tier other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** Parses {@code read}, {@code write} or {@code danger}; anything else is an error. */
  public static Tier parse(String text) {
    return switch (text) {
      case "read" -> READ;
      case "write" -> WRITE;
      case "danger" -> DANGER;
      default ->
          throw new IllegalArgumentException(
              "unknown tier '" + text + "' (expected read, write or danger)");
    };
  }

  /** The lower-case name used in files, JSON and on the command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
