package dev.nome.server.audit;

import dev.nome.core.receipt.Checkpoint;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.HostSigner;
import dev.nome.core.receipt.MerkleTree;
import dev.nome.core.receipt.RunHead;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The append-only Merkle log of accepted run heads (RFC 9162 hashing) and its signed checkpoints.
 * Leaves and checkpoints live in the database; the tree of their hashes is kept in memory and
 * brought up to date from the database before each use, so several instances sharing one PostgreSQL
 * agree (writers take the next index under the {@code audit_log_state} row lock).
 */
final class AuditLog {

  private final HostSigner key;
  private MerkleTree tree = new MerkleTree();

  AuditLog(HostSigner key) {
    this.key = key;
  }

  byte[] publicKey() {
    return key.publicKey();
  }

  /** Brings the in-memory tree up to the database's leaves. Callers hold the store's lock. */
  void sync(Handle h) {
    long size = tree.size();
    List<String> hashes =
        h.createQuery(
                "SELECT leaf_hash FROM audit_log_leaf WHERE leaf_index >= :from ORDER BY leaf_index")
            .bind("from", size)
            .mapTo(String.class)
            .list();
    for (String hash : hashes) {
      tree.appendLeafHash(Digest.parse(hash));
    }
  }

  /** The tree's size before this writer's append, while that append is not committed. */
  private long uncommittedFrom = -1;

  /** The writer's transaction committed: its leaf stays. */
  void committed() {
    uncommittedFrom = -1;
  }

  /** The writer's transaction failed: forget its leaf, if it appended one. */
  void rolledBack() {
    if (uncommittedFrom >= 0) {
      tree.truncate(uncommittedFrom);
      uncommittedFrom = -1;
    }
  }

  /**
   * Appends a run head inside the caller's transaction and signs the new checkpoint. The caller
   * already locked {@code audit_log_state} and synced.
   */
  Appended append(Handle h, RunHead head, long now) {
    long index = tree.size();
    long stored =
        h.createQuery("SELECT tree_size FROM audit_log_state WHERE id = 1").mapTo(Long.class).one();
    if (stored != index) {
      throw new IllegalStateException("the audit log in memory is out of step with the database");
    }
    Digest leafHash = head.leafHash();
    uncommittedFrom = index;
    h.createUpdate(
            "INSERT INTO audit_log_leaf (leaf_index, run_id, seq, leaf_data, leaf_hash, created_at)"
                + " VALUES (:i, :run, :seq, :data, :hash, :now)")
        .bind("i", index)
        .bind("run", head.runId())
        .bind("seq", head.seq())
        .bind("data", new String(head.leafData(), java.nio.charset.StandardCharsets.UTF_8))
        .bind("hash", leafHash.hex())
        .bind("now", now)
        .execute();
    tree.appendLeafHash(leafHash);
    Checkpoint cp = Checkpoint.sign(tree.size(), tree.root(), now, key);
    h.createUpdate(
            "INSERT INTO audit_checkpoint (tree_size, root_hash, signed_at, signature)"
                + " VALUES (:size, :root, :at, :sig)")
        .bind("size", cp.size())
        .bind("root", cp.root().hex())
        .bind("at", cp.timeMillis())
        .bind("sig", Base64.getEncoder().encodeToString(cp.signature()))
        .execute();
    h.createUpdate("UPDATE audit_log_state SET tree_size = :size WHERE id = 1")
        .bind("size", cp.size())
        .execute();
    return new Appended(index, cp);
  }

  record Appended(long index, Checkpoint checkpoint) {}

  Optional<Checkpoint> latest(Handle h) {
    return h.createQuery(
            "SELECT tree_size, root_hash, signed_at, signature FROM audit_checkpoint"
                + " ORDER BY tree_size DESC LIMIT 1")
        .map((rs, ctx) -> checkpoint(rs))
        .findOne();
  }

  Optional<Checkpoint> at(Handle h, long size) {
    return h.createQuery(
            "SELECT tree_size, root_hash, signed_at, signature FROM audit_checkpoint"
                + " WHERE tree_size = :size")
        .bind("size", size)
        .map((rs, ctx) -> checkpoint(rs))
        .findOne();
  }

  private static Checkpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Checkpoint(
        rs.getLong("tree_size"),
        Digest.parse(rs.getString("root_hash")),
        rs.getLong("signed_at"),
        Base64.getDecoder().decode(rs.getString("signature")));
  }

  List<Digest> inclusionProof(long index, long size) {
    return tree.inclusionProof(index, size);
  }

  List<Digest> consistencyProof(long from, long to) {
    return tree.consistencyProof(from, to);
  }

  long size() {
    return tree.size();
  }

  /** Syncs with the database outside any write; for readers. */
  void refresh(Jdbi jdbi) {
    jdbi.useHandle(this::sync);
  }
}
