package dev.nome.core.receipt;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is wrong with a bundle: the first bad receipt (its run and sequence number, when the problem
 * is about one), what kind of wrong it is, and a sentence for people.
 */
public record Problem(Optional<String> runId, OptionalLong seq, Kind kind, String message) {

  /** The kinds of wrong the verifier names. */
  public enum Kind {
    /** Not a bundle, or a part of it does not have the documented form. */
    MALFORMED,
    /** A receipt's content does not match its digest: it was edited. */
    EDITED,
    /** A receipt does not carry the digest of the one before it. */
    BROKEN_LINK,
    /** A sequence number is missing: a receipt was deleted. */
    MISSING,
    /** Receipts are out of sequence order. */
    REORDERED,
    /** A second, different receipt claims a sequence number: one was inserted. */
    INSERTED,
    /** The same receipt appears twice: a batch was replayed. */
    REPLAYED,
    /** A receipt of another run is in this run. */
    SPLICED,
    /** Receipts follow the run's end. */
    AFTER_END,
    /** The chain stops before the head the log recorded: its end was cut off. */
    TRUNCATED,
    /** The chain goes past the head the log recorded. */
    NOT_LOGGED,
    /** A signature does not verify, or covers something else than the receipt it names. */
    BAD_SIGNATURE,
    /** The chain's last receipt is not covered by a signature. */
    UNSIGNED,
    /** The host is not in the bundle, or its key differs from the one the log recorded. */
    UNKNOWN_HOST,
    /** A checkpoint's signature does not verify with the log's key. */
    BAD_CHECKPOINT,
    /** The run's head is not in the log under the bundle's checkpoint. */
    NOT_IN_LOG,
    /** The bundle's checkpoint is not an extension of the one the run was accepted under. */
    LOG_ROLLED_BACK,
    /** A run does not belong to the work item the bundle is for. */
    WRONG_WORK_ITEM;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  static Problem of(Kind kind, String message) {
    return new Problem(Optional.empty(), OptionalLong.empty(), kind, message);
  }

  static Problem run(String runId, Kind kind, String message) {
    return new Problem(Optional.of(runId), OptionalLong.empty(), kind, message);
  }

  static Problem receipt(String runId, long seq, Kind kind, String message) {
    return new Problem(Optional.of(runId), OptionalLong.of(seq), kind, message);
  }

  /** One line: where, what kind, what. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    runId.ifPresent(r -> s.append("run ").append(r));
    if (seq.isPresent()) {
      s.append(", receipt ").append(seq.getAsLong());
    }
    if (!s.isEmpty()) {
      s.append(": ");
    }
    return s.append(kind.label()).append(": ").append(message).toString();
  }
}
