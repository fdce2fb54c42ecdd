package dev.nome.core.receipt;

import java.util.Locale;

/** What an {@link ArtifactRef} points at. */
public enum ArtifactKind {
  DIFF,
  FILE,
  LOG;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ArtifactKind parse(String label) {
    for (ArtifactKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown artifact kind '" + label + "'");
  }
}
