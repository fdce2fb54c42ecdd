package dev.nome.server.storage;

/** The database could not be reached, opened or migrated; the message is safe to show. */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
