package dev.nome.core.receipt;

/** A receipt, signature, checkpoint or bundle that does not have the documented JSON form. */
public final class ReceiptFormatException extends IllegalArgumentException {

  public ReceiptFormatException(String message) {
    super(message);
  }

  public ReceiptFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
