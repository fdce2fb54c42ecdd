package dev.nome.core.receipt;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The host side of one run's receipt chain: numbers and links receipts, signs the chain every
 * {@code checkpointEvery} receipts and at its end, and persists each receipt through a {@link
 * ReceiptJournal} before acknowledging it.
 *
 * <p>The rule "a receipt that cannot be persisted means the action does not happen" is built in:
 * {@link #append} returns an {@link Ack} only after the journal made the receipt durable, and
 * throws otherwise. The gate uses it like this:
 *
 * <pre>{@code
 * Ack intent = chain.append(new ToolIntent(...)); // throws: the call never runs
 * Result result = tool.run(call);
 * chain.append(new ToolReceipt(...));             // throws: the result is not handed to the agent
 * }</pre>
 *
 * or, equivalently, {@link #afterIntent}. After any failure the chain is broken: every further
 * append throws, since the journal's state is unknown, and the run must stop.
 */
public final class RunChain {

  /** Proof that a receipt is durable: its place in the chain and its digest. */
  public record Ack(String runId, long seq, Digest digest, Optional<ChainSignature> signature) {}

  /** An action that may run only after its intent is recorded. */
  @FunctionalInterface
  public interface Action<T> {
    T run(Ack intent) throws Exception;
  }

  private final String runId;
  private final HostSigner signer;
  private final ReceiptJournal journal;
  private final Clock clock;
  private final int checkpointEvery;

  private long nextSeq;
  private Digest head = Digest.ZERO;
  private boolean ended;
  private Throwable broken;

  private RunChain(
      String runId, HostSigner signer, ReceiptJournal journal, Clock clock, int checkpointEvery) {
    this.runId = Ids.check("run id", runId);
    this.signer = Objects.requireNonNull(signer, "signer");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be at least 1");
    }
    this.checkpointEvery = checkpointEvery;
  }

  /**
   * Opens a run's chain by persisting its {@link RunStarted} receipt (signed).
   *
   * @throws ReceiptNotPersistedException when that fails: the run must not start
   */
  public static RunChain start(
      String runId,
      Optional<String> workItemId,
      HostSigner signer,
      ReceiptJournal journal,
      Clock clock,
      int checkpointEvery)
      throws ReceiptNotPersistedException {
    RunChain chain = new RunChain(runId, signer, journal, clock, checkpointEvery);
    chain.persist(new RunStarted(signer.hostId(), workItemId), true);
    return chain;
  }

  /**
   * Appends a receipt and returns once it is durable.
   *
   * @throws ReceiptNotPersistedException when it is not: what it records must not happen
   * @throws IllegalStateException when the run has ended; use {@link #end} for the last receipt
   */
  public synchronized Ack append(Receipt receipt) throws ReceiptNotPersistedException {
    if (receipt instanceof RunStarted || receipt instanceof RunEnded) {
      throw new IllegalArgumentException("runs start with start() and end with end()");
    }
    return persist(receipt, false);
  }

  /** Appends the run's last receipt, signed. Nothing may be appended after it. */
  public synchronized Ack end(RunEnded ended) throws ReceiptNotPersistedException {
    return persist(ended, true);
  }

  /**
   * Records {@code intent}, then runs {@code action}; when the intent cannot be persisted the
   * action does not run and this throws.
   */
  public <T> T afterIntent(ToolIntent intent, Action<T> action) throws Exception {
    Ack ack = append(intent);
    return action.run(ack);
  }

  private Ack persist(Receipt receipt, boolean sign) throws ReceiptNotPersistedException {
    if (broken != null) {
      throw new ReceiptNotPersistedException(
          "run " + runId + " can no longer record receipts: an earlier one failed", broken);
    }
    if (ended) {
      throw new IllegalStateException("run " + runId + " has ended");
    }
    ChainedReceipt sealed = ChainedReceipt.seal(runId, nextSeq, head, clock.millis(), receipt);
    boolean checkpoint =
        sign || receipt instanceof HostRevoked || (nextSeq + 1) % checkpointEvery == 0;
    Optional<ChainSignature> signature =
        checkpoint ? Optional.of(ChainSignature.sign(sealed, signer)) : Optional.empty();
    try {
      journal.append(sealed, signature);
    } catch (IOException | RuntimeException e) {
      broken = e;
      throw new ReceiptNotPersistedException(
          "receipt " + sealed.seq() + " of run " + runId + " was not persisted", e);
    }
    nextSeq++;
    head = sealed.digest();
    ended = receipt instanceof RunEnded;
    return new Ack(runId, sealed.seq(), sealed.digest(), signature);
  }

  public String runId() {
    return runId;
  }

  public synchronized long nextSeq() {
    return nextSeq;
  }

  public synchronized Digest head() {
    return head;
  }

  public synchronized boolean isEnded() {
    return ended;
  }
}
