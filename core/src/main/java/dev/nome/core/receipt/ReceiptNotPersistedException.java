package dev.nome.core.receipt;

/**
 * A receipt could not be persisted, so the action it records must not happen (or, for a result,
 * must not be handed on). Once thrown, the chain refuses every further append.
 */
public final class ReceiptNotPersistedException extends Exception {

  public ReceiptNotPersistedException(String message, Throwable cause) {
    super(message, cause);
  }
}
