package dev.nome.core.policy;

/** A policy file that cannot be used: unreadable, bad TOML, an unknown key or a bad value. */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
