package dev.nome.core.receipt;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a run's chain is persisted on the host (the upload queue). {@link #append} returns only
 * once the receipt (and the signature, when there is one) is durable: written and flushed to stable
 * storage. Any doubt is an exception.
 */
public interface ReceiptJournal {

  /**
   * Durably stores {@code receipt} and, when the chain is signed at it, {@code signature}.
   *
   * @throws IOException when that cannot be guaranteed
   */
  void append(ChainedReceipt receipt, Optional<ChainSignature> signature) throws IOException;
}
