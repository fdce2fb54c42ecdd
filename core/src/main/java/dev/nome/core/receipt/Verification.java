package dev.nome.core.receipt;

/** The outcome of verifying a bundle: everything holds, or the first problem found. */
public sealed interface Verification {

  /** Everything holds. */
  record Verified(int runs, long receipts, long logSize) implements Verification {}

  /** The first problem found. */
  record Failed(Problem problem) implements Verification {}

  default boolean ok() {
    return this instanceof Verified;
  }
}
