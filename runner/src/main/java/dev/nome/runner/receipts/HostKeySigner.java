package dev.nome.runner.receipts;

import dev.nome.core.receipt.HostSigner;
import dev.nome.core.receipt.Ids;
import dev.nome.runner.tokens.HostKey;
import java.util.Arrays;
import java.util.Objects;

/** Signs receipt chains with the host key ({@code ~/.nome/host_key}) under the paired host's id. */
public final class HostKeySigner implements HostSigner {

  private final String hostId;
  private final HostKey key;
  private final byte[] raw;

  public HostKeySigner(String hostId, HostKey key) {
    this.hostId = Ids.check("host id", hostId);
    this.key = Objects.requireNonNull(key, "key");
    byte[] x509 = key.publicKey().getEncoded();
    // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte header and the raw 32-byte key.
    if (x509.length != 44) {
      throw new IllegalArgumentException("the host key is not an Ed25519 key");
    }
    this.raw = Arrays.copyOfRange(x509, 12, 44);
  }

  @Override
  public String hostId() {
    return hostId;
  }

  @Override
  public byte[] publicKey() {
    return raw.clone();
  }

  @Override
  public byte[] sign(byte[] data) {
    return key.sign(data);
  }
}
