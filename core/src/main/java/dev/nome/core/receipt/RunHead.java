package dev.nome.core.receipt;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the audit log records each time the control plane accepts part of a run's chain: the run,
 * its host and that host's public key at the time, and the chain's head (latest sequence number and
 * digest). Its leaf data is the canonical JSON of {@code
 * {"head":hex,"host":id,"hostKey":base64,"run":id,"seq":n,"type":"nome.run-head/1"}}; binding the
 * host key here lets a reviewer check signatures with the key the control plane had on record.
 */
public record RunHead(String runId, String hostId, byte[] hostKey, long seq, Digest head) {

  public static final String TYPE = "nome.run-head/1";

  public RunHead {
    Ids.check("run id", runId);
    Ids.check("host id", hostId);
    if (hostKey.length != 32) {
      throw new IllegalArgumentException("a host key is a raw 32-byte Ed25519 public key");
    }
    hostKey = hostKey.clone();
    if (seq < 0 || seq > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("sequence number out of range");
    }
    Objects.requireNonNull(head, "head");
  }

  @Override
  public byte[] hostKey() {
    return hostKey.clone();
  }

  public TreeMap<String, Object> toMap() {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("type", TYPE);
    m.put("run", runId);
    m.put("host", hostId);
    m.put("hostKey", Base64.getEncoder().encodeToString(hostKey));
    m.put("seq", seq);
    m.put("head", head.hex());
    return m;
  }

  /** The leaf data: canonical JSON of {@link #toMap()}. */
  public byte[] leafData() {
    return CanonicalJson.toBytes(toMap());
  }

  public Digest leafHash() {
    return MerkleTree.leafHash(leafData());
  }

  public static RunHead fromMap(Object json) {
    Fields f = new Fields("run head", json);
    if (!TYPE.equals(f.string("type"))) {
      throw new ReceiptFormatException("run head has an unknown type");
    }
    RunHead h =
        new RunHead(
            f.id("run"), f.id("host"), f.base64("hostKey"), f.integer("seq"), f.digest("head"));
    f.done();
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunHead h
        && runId.equals(h.runId)
        && hostId.equals(h.hostId)
        && MessageDigest.isEqual(hostKey, h.hostKey)
        && seq == h.seq
        && head.equals(h.head);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, hostId, seq, head) * 31 + Arrays.hashCode(hostKey);
  }
}
