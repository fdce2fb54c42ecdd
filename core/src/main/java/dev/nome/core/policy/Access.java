package dev.nome.core.policy;

/** What a file gateway rule grants on a path, from least to most. */
public enum Access {
  NONE,
  READ,
  WRITE;

  /** True when this grant covers {@code wanted}. */
  public boolean covers(Access wanted) {
    return compareTo(wanted) >= 0;
  }

  /** The more restrictive of two grants. */
  public Access min(Access other) {
    return compareTo(other) <= 0 ? this : other;
  }
}
