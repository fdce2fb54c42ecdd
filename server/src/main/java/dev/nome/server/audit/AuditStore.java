package dev.nome.server.audit;

import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunHead;
import dev.nome.core.receipt.RunStarted;
import dev.nome.server.audit.UploadRejected.Reason;
import dev.nome.server.storage.StorageException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The audit store: accepts batches of a run's receipts after checking the chain (sequence, previous
 * digest, digests, host signature, host not revoked, run started on this host), stores each
 * accepted batch and the run's new head in the Merkle log in one transaction, and acknowledges only
 * after the commit. A refused batch leaves nothing behind.
 */
public final class AuditStore {

  private final Jdbi jdbi;
  private final HostDirectory hosts;
  private final RunDirectory runs;
  private final AuditLog log;
  private final Clock clock;
  private final ReentrantLock writeLock = new ReentrantLock();

  AuditStore(Jdbi jdbi, HostDirectory hosts, RunDirectory runs, AuditLog log, Clock clock) {
    this.jdbi = jdbi;
    this.hosts = hosts;
    this.runs = runs;
    this.log = log;
    this.clock = clock;
    writeLock.lock();
    try {
      log.refresh(jdbi);
    } finally {
      writeLock.unlock();
    }
  }

  /** Stored state of a run's chain. */
  record RunRow(
      String runId,
      String hostId,
      Optional<String> workItemId,
      long nextSeq,
      Digest head,
      boolean ended,
      long leafIndex) {}

  /**
   * Checks and stores a batch uploaded by {@code hostId} for {@code runId}.
   *
   * @throws UploadRejected when anything does not hold; nothing was stored
   */
  public Accepted accept(String hostId, String runId, ReceiptBatch batch) {
    HostKey key =
        hosts
            .find(hostId)
            .orElseThrow(
                () -> new UploadRejected(Reason.UNKNOWN_HOST, "host " + hostId + " is not paired"));
    if (hosts.isRevoked(hostId)) {
      throw new UploadRejected(Reason.HOST_REVOKED, "host " + hostId + " was revoked");
    }
    // Without this, any paired host could claim a run id before its own host uploads (locking
    // that host out), or start a chain under another account's work item, which that account's
    // export would then include.
    RunDirectory.Owner owner =
        runs.find(runId)
            .orElseThrow(
                () ->
                    new UploadRejected(
                        Reason.UNKNOWN_RUN,
                        "run " + runId + " was not started by this control plane"));
    if (!owner.hostId().equals(hostId)) {
      throw new UploadRejected(Reason.WRONG_HOST, "run " + runId + " belongs to another host");
    }
    List<String> wire = checkBatch(hostId, runId, owner, batch, key.publicKey());
    writeLock.lock();
    try {
      Accepted accepted =
          jdbi.inTransaction(h -> store(h, hostId, runId, batch, wire, key.publicKey()));
      log.committed();
      return accepted;
    } catch (RuntimeException e) {
      // The in-memory tree may hold a leaf the database rolled back.
      log.rolledBack();
      throw e;
    } finally {
      writeLock.unlock();
    }
  }

  /** The checks that need no stored state; returns the receipts' wire texts for storing. */
  private static List<String> checkBatch(
      String hostId, String runId, RunDirectory.Owner owner, ReceiptBatch batch, byte[] hostKey) {
    List<ChainedReceipt> rs = batch.receipts();
    List<String> wire = new ArrayList<>(rs.size());
    long first = rs.getFirst().seq();
    for (int i = 0; i < rs.size(); i++) {
      ChainedReceipt r = rs.get(i);
      if (!r.runId().equals(runId)) {
        throw new UploadRejected(
            Reason.MALFORMED, "receipt " + r.seq() + " belongs to another run than " + runId);
      }
      if (r.seq() != first + i) {
        throw new UploadRejected(
            Reason.GAP,
            "run " + runId + ": receipt " + r.seq() + " where " + (first + i) + " was expected");
      }
      ReceiptJson.Encoded encoded = ReceiptJson.encode(r);
      if (!encoded.digest().equals(r.digest())) {
        throw new UploadRejected(
            Reason.BAD_DIGEST,
            "run " + runId + ": receipt " + r.seq() + " does not match its digest");
      }
      wire.add(encoded.wire());
      if (i > 0 && !r.previous().equals(rs.get(i - 1).digest())) {
        throw new UploadRejected(
            Reason.BROKEN_CHAIN,
            "run " + runId + ": receipt " + r.seq() + " does not link to receipt " + (r.seq() - 1));
      }
      if ((r.receipt() instanceof RunStarted) != (r.seq() == 0)) {
        throw new UploadRejected(
            Reason.MALFORMED, "run " + runId + ": only receipt 0 is, and must be, run_started");
      }
      if (r.receipt() instanceof RunStarted s && !s.hostId().equals(hostId)) {
        throw new UploadRejected(
            Reason.WRONG_HOST, "run " + runId + " was started by another host");
      }
      if (r.receipt() instanceof RunStarted s && !s.workItemId().equals(owner.workItemId())) {
        throw new UploadRejected(
            Reason.MALFORMED,
            "run " + runId + ": receipt 0 names another work item than the run belongs to");
      }
      if (r.receipt() instanceof RunEnded && i != rs.size() - 1) {
        throw new UploadRejected(
            Reason.RUN_ENDED, "run " + runId + ": receipts follow run_ended in the batch");
      }
    }
    long last = rs.getLast().seq();
    boolean lastSigned = false;
    for (ChainSignature s : batch.signatures()) {
      if (!s.runId().equals(runId) || !s.hostId().equals(hostId)) {
        throw new UploadRejected(
            Reason.BAD_SIGNATURE, "run " + runId + ": a signature is for another run or host");
      }
      if (s.seq() < first || s.seq() > last) {
        throw new UploadRejected(
            Reason.BAD_SIGNATURE,
            "run " + runId + ": the signature over receipt " + s.seq() + " is outside the batch");
      }
      if (!s.head().equals(rs.get((int) (s.seq() - first)).digest()) || !s.verify(hostKey)) {
        throw new UploadRejected(
            Reason.BAD_SIGNATURE,
            "run " + runId + ": the host's signature over receipt " + s.seq() + " does not verify");
      }
      lastSigned |= s.seq() == last;
    }
    if (!lastSigned) {
      throw new UploadRejected(
          Reason.UNSIGNED,
          "run " + runId + ": the batch's last receipt " + last + " is not signed");
    }
    return wire;
  }

  private Accepted store(
      Handle h,
      String hostId,
      String runId,
      ReceiptBatch batch,
      List<String> wire,
      byte[] hostKey) {
    // Take the log's write lock first (a row lock on PostgreSQL, the write lock on SQLite), so
    // the checks below see the latest state and no other writer can slip in between.
    h.createUpdate("UPDATE audit_log_state SET tree_size = tree_size WHERE id = 1").execute();
    log.sync(h);
    long now = clock.millis();
    List<ChainedReceipt> rs = batch.receipts();
    ChainedReceipt first = rs.getFirst();
    ChainedReceipt last = rs.getLast();
    Optional<RunRow> existing = run(h, runId);
    if (existing.isEmpty()) {
      if (first.seq() != 0) {
        throw new UploadRejected(
            Reason.GAP,
            "run "
                + runId
                + " is unknown: its first batch must start at receipt 0, not "
                + first.seq());
      }
    } else {
      RunRow run = existing.get();
      if (!run.hostId().equals(hostId)) {
        throw new UploadRejected(Reason.WRONG_HOST, "run " + runId + " belongs to another host");
      }
      if (first.seq() < run.nextSeq()) {
        throw overlap(h, run, rs);
      }
      if (run.ended()) {
        throw new UploadRejected(Reason.RUN_ENDED, "run " + runId + " has ended");
      }
      if (first.seq() > run.nextSeq()) {
        throw new UploadRejected(
            Reason.GAP,
            "run "
                + runId
                + ": the batch starts at receipt "
                + first.seq()
                + " but receipt "
                + run.nextSeq()
                + " is next");
      }
      if (!first.previous().equals(run.head())) {
        throw new UploadRejected(
            Reason.FORK,
            "run "
                + runId
                + ": receipt "
                + first.seq()
                + " does not link to accepted receipt "
                + (first.seq() - 1));
      }
    }
    boolean ended = last.receipt() instanceof RunEnded;
    RunHead head = new RunHead(runId, hostId, hostKey, last.seq(), last.digest());
    if (existing.isEmpty()) {
      Optional<String> workItem = ((RunStarted) first.receipt()).workItemId();
      h.createUpdate(
              "INSERT INTO audit_run (run_id, host_id, work_item_id, next_seq, head_digest, ended,"
                  + " leaf_index, created_at, updated_at) VALUES (:run, :host, :wi, 0, :zero, 0,"
                  + " -1, :now, :now)")
          .bind("run", runId)
          .bind("host", hostId)
          .bind("wi", workItem.orElse(null))
          .bind("zero", Digest.ZERO.hex())
          .bind("now", now)
          .execute();
    }
    // Plain JDBC for the bulk insert: one prepared statement, one round of executeBatch.
    try (PreparedStatement insert =
        h.getConnection()
            .prepareStatement(
                "INSERT INTO audit_receipt (run_id, seq, type, digest, body, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rs.size(); i++) {
        ChainedReceipt r = rs.get(i);
        insert.setString(1, runId);
        insert.setLong(2, r.seq());
        insert.setString(3, r.receipt().type());
        insert.setString(4, r.digest().hex());
        insert.setString(5, wire.get(i));
        insert.setLong(6, now);
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      // The driver's message may quote the values: keep it out of the message.
      throw new StorageException("the audit store could not insert receipts", e);
    }
    PreparedBatch signatures =
        h.prepareBatch(
            "INSERT INTO audit_signature (run_id, seq, host_id, head_digest, signature)"
                + " VALUES (:run, :seq, :host, :head, :sig)");
    for (ChainSignature s : batch.signatures()) {
      signatures
          .bind("run", runId)
          .bind("seq", s.seq())
          .bind("host", hostId)
          .bind("head", s.head().hex())
          .bind("sig", Base64.getEncoder().encodeToString(s.signature()))
          .add();
    }
    signatures.execute();
    AuditLog.Appended appended = log.append(h, head, now);
    int updated =
        h.createUpdate(
                "UPDATE audit_run SET next_seq = :next, head_digest = :head, ended = :ended,"
                    + " leaf_index = :leaf, updated_at = :now WHERE run_id = :run AND next_seq ="
                    + " :expected")
            .bind("next", last.seq() + 1)
            .bind("head", last.digest().hex())
            .bind("ended", ended ? 1 : 0)
            .bind("leaf", appended.index())
            .bind("now", now)
            .bind("run", runId)
            .bind("expected", first.seq())
            .execute();
    if (updated != 1) {
      throw new UploadRejected(Reason.FORK, "run " + runId + " changed during the upload");
    }
    return new Accepted(runId, last.seq(), last.digest(), appended.index(), appended.checkpoint());
  }

  /** A batch that reaches back into accepted receipts: a replay when identical, else a fork. */
  private static UploadRejected overlap(Handle h, RunRow run, List<ChainedReceipt> rs) {
    long from = rs.getFirst().seq();
    long to = Math.min(rs.getLast().seq(), run.nextSeq() - 1);
    Map<Long, String> stored = new HashMap<>();
    h.createQuery(
            "SELECT seq, digest FROM audit_receipt WHERE run_id = :run AND seq BETWEEN :a AND :b")
        .bind("run", run.runId())
        .bind("a", from)
        .bind("b", to)
        .map((r, c) -> Map.entry(r.getLong(1), r.getString(2)))
        .forEach(e -> stored.put(e.getKey(), e.getValue()));
    for (ChainedReceipt r : rs) {
      if (r.seq() > to) {
        break;
      }
      if (!r.digest().hex().equals(stored.get(r.seq()))) {
        return new UploadRejected(
            Reason.FORK,
            "run "
                + run.runId()
                + ": receipt "
                + r.seq()
                + " differs from the accepted receipt "
                + r.seq());
      }
    }
    return new UploadRejected(
        Reason.REPLAY,
        "run " + run.runId() + ": receipts " + from + " to " + to + " were already accepted");
  }

  static Optional<RunRow> run(Handle h, String runId) {
    return h.createQuery(
            "SELECT run_id, host_id, work_item_id, next_seq, head_digest, ended, leaf_index"
                + " FROM audit_run WHERE run_id = :run")
        .bind("run", runId)
        .map(
            (rs, ctx) ->
                new RunRow(
                    rs.getString("run_id"),
                    rs.getString("host_id"),
                    Optional.ofNullable(rs.getString("work_item_id")),
                    rs.getLong("next_seq"),
                    Digest.parse(rs.getString("head_digest")),
                    rs.getInt("ended") == 1,
                    rs.getLong("leaf_index")))
        .findOne();
  }

  /** A run's stored chain, for reading. */
  public record StoredRun(RunRow run, List<String> receipts, List<ChainSignature> signatures) {}

  public Optional<StoredRun> read(String runId) {
    return jdbi.withHandle(
        h ->
            run(h, runId)
                .map(
                    run ->
                        new StoredRun(
                            run,
                            h.createQuery(
                                    "SELECT body FROM audit_receipt WHERE run_id = :run ORDER BY seq")
                                .bind("run", runId)
                                .mapTo(String.class)
                                .list(),
                            signatures(h, runId))));
  }

  static List<ChainSignature> signatures(Handle h, String runId) {
    return h.createQuery(
            "SELECT seq, host_id, head_digest, signature FROM audit_signature WHERE run_id = :run"
                + " ORDER BY seq")
        .bind("run", runId)
        .map(
            (rs, ctx) ->
                new ChainSignature(
                    runId,
                    rs.getLong("seq"),
                    Digest.parse(rs.getString("head_digest")),
                    rs.getString("host_id"),
                    Base64.getDecoder().decode(rs.getString("signature"))))
        .list();
  }

  /** The control plane's word on who owns a run; see {@link RunDirectory}. */
  Optional<RunDirectory.Owner> owner(String runId) {
    return runs.find(runId);
  }

  /** The account a work item belongs to. */
  Optional<String> accountOfWorkItem(String workItemId) {
    return runs.accountOfWorkItem(workItemId);
  }

  /** The runs that started for a work item, oldest first. */
  public List<String> runsOfWorkItem(String workItemId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT run_id FROM audit_run WHERE work_item_id = :wi ORDER BY created_at,"
                        + " run_id")
                .bind("wi", workItemId)
                .mapTo(String.class)
                .list());
  }

  Jdbi jdbi() {
    return jdbi;
  }

  AuditLog log() {
    return log;
  }

  ReentrantLock writeLock() {
    return writeLock;
  }
}
