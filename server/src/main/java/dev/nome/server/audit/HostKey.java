package dev.nome.server.audit;

import java.util.Objects;

/** A paired host's id and raw 32-byte Ed25519 public key. */
public record HostKey(String hostId, byte[] publicKey) {

  public HostKey {
    Objects.requireNonNull(hostId, "hostId");
    if (publicKey == null || publicKey.length != 32) {
      throw new IllegalArgumentException("a host key is a raw 32-byte Ed25519 public key");
    }
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }
}
