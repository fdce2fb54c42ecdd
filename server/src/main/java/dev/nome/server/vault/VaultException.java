package dev.nome.server.vault;

/** The vault cannot do what was asked; the message is safe to show and never holds key material. */
public final class VaultException extends RuntimeException {
  public VaultException(String message) {
    super(message);
  }

  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
