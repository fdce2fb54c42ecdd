package dev.nome.core.receipt;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A signed tree head of the audit log: its size and root at a moment, signed with the log's Ed25519
 * key. The signed bytes are the canonical JSON of {@code
 * {"root":hex,"size":n,"time":millis,"type":"nome.checkpoint/1"}}.
 */
public record Checkpoint(long size, Digest root, long timeMillis, byte[] signature) {

  public static final String TYPE = "nome.checkpoint/1";

  public Checkpoint {
    if (size < 0 || size > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("tree size out of range");
    }
    Objects.requireNonNull(root, "root");
    if (timeMillis < 0 || timeMillis > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("time out of range");
    }
    signature = signature.clone();
  }

  public static Checkpoint sign(long size, Digest root, long timeMillis, HostSigner logKey) {
    return new Checkpoint(size, root, timeMillis, logKey.sign(signedBytes(size, root, timeMillis)));
  }

  public static byte[] signedBytes(long size, Digest root, long timeMillis) {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("type", TYPE);
    m.put("size", size);
    m.put("root", root.hex());
    m.put("time", timeMillis);
    return CanonicalJson.toBytes(m);
  }

  public boolean verify(byte[] logPublicKey) {
    return Ed25519.verify(logPublicKey, signedBytes(size, root, timeMillis), signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public TreeMap<String, Object> toMap() {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("size", size);
    m.put("root", root.hex());
    m.put("time", timeMillis);
    m.put("sig", Base64.getEncoder().encodeToString(signature));
    return m;
  }

  public static Checkpoint fromMap(Object json) {
    Fields f = new Fields("checkpoint", json);
    Checkpoint c =
        new Checkpoint(f.integer("size"), f.digest("root"), f.integer("time"), f.base64("sig"));
    f.done();
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && size == c.size
        && root.equals(c.root)
        && timeMillis == c.timeMillis
        && MessageDigest.isEqual(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, root, timeMillis) * 31 + Arrays.hashCode(signature);
  }
}
