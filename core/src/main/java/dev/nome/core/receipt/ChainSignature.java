package dev.nome.core.receipt;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A host's Ed25519 signature over a run's chain up to and including receipt {@code seq} whose
 * digest is {@code head}. Because every receipt carries the digest of the one before, signing the
 * head signs the whole chain up to it.
 *
 * <p>The signed bytes are the canonical JSON of {@code
 * {"head":hex,"host":id,"run":id,"seq":n,"type":"nome.chain-head/1"}}.
 */
public record ChainSignature(String runId, long seq, Digest head, String hostId, byte[] signature) {

  public static final String TYPE = "nome.chain-head/1";

  public ChainSignature {
    Ids.check("run id", runId);
    if (seq < 0 || seq > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("sequence number out of range");
    }
    Objects.requireNonNull(head, "head");
    Ids.check("host id", hostId);
    Objects.requireNonNull(signature, "signature");
    signature = signature.clone();
  }

  /** Signs the chain whose latest receipt is {@code receipt}. */
  public static ChainSignature sign(ChainedReceipt receipt, HostSigner signer) {
    byte[] data = signedBytes(receipt.runId(), receipt.seq(), receipt.digest(), signer.hostId());
    return new ChainSignature(
        receipt.runId(), receipt.seq(), receipt.digest(), signer.hostId(), signer.sign(data));
  }

  public static byte[] signedBytes(String runId, long seq, Digest head, String hostId) {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("type", TYPE);
    m.put("run", runId);
    m.put("seq", seq);
    m.put("head", head.hex());
    m.put("host", hostId);
    return CanonicalJson.toBytes(m);
  }

  /** Whether the signature holds for {@code rawPublicKey}. */
  public boolean verify(byte[] rawPublicKey) {
    return Ed25519.verify(rawPublicKey, signedBytes(runId, seq, head, hostId), signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public TreeMap<String, Object> toMap() {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("run", runId);
    m.put("seq", seq);
    m.put("head", head.hex());
    m.put("host", hostId);
    m.put("sig", Base64.getEncoder().encodeToString(signature));
    return m;
  }

  public static ChainSignature fromMap(Object json) {
    Fields f = new Fields("signature", json);
    ChainSignature s =
        new ChainSignature(
            f.id("run"), f.integer("seq"), f.digest("head"), f.id("host"), f.base64("sig"));
    f.done();
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainSignature c
        && runId.equals(c.runId)
        && seq == c.seq
        && head.equals(c.head)
        && hostId.equals(c.hostId)
        && MessageDigest.isEqual(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, seq, head, hostId) * 31 + Arrays.hashCode(signature);
  }
}
