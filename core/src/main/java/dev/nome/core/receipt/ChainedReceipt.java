package dev.nome.core.receipt;

import java.util.Objects;

/**
 * A receipt in its place in a run's hash chain: the run, its sequence number (0 for {@link
 * RunStarted}), the digest of the receipt before it ({@link Digest#ZERO} for the first), when it
 * was recorded, and its own digest: SHA-256 over the RFC 8785 canonical JSON of all of this except
 * the digest itself (see {@link ReceiptJson}).
 *
 * <p>A decoded receipt carries the digest it claimed; {@link #digestHolds()} says whether it is the
 * digest of its content.
 */
public record ChainedReceipt(
    String runId, long seq, Digest previous, long atMillis, Receipt receipt, Digest digest) {

  public ChainedReceipt {
    Ids.check("run id", runId);
    if (seq < 0 || seq > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("sequence number out of range");
    }
    Objects.requireNonNull(previous, "previous");
    if (atMillis < 0 || atMillis > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("time out of range");
    }
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(digest, "digest");
  }

  /** Links {@code receipt} after {@code previous} and computes its digest. */
  public static ChainedReceipt seal(
      String runId, long seq, Digest previous, long atMillis, Receipt receipt) {
    Digest digest = ReceiptJson.digestOf(runId, seq, previous, atMillis, receipt);
    return new ChainedReceipt(runId, seq, previous, atMillis, receipt, digest);
  }

  /** The digest of this receipt's content, computed afresh. */
  public Digest computeDigest() {
    return ReceiptJson.digestOf(runId, seq, previous, atMillis, receipt);
  }

  /** Whether the claimed digest is the digest of the content. */
  public boolean digestHolds() {
    return computeDigest().equals(digest);
  }
}
