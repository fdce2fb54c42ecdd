package dev.nome.core.receipt;

/**
 * The paired host's Ed25519 signing key (kept by pairing in {@code ~/.nome/host_key}). Receipt
 * chains are signed with it at checkpoints and at their end; the control plane knows the public key
 * from pairing and checks every upload against it.
 */
public interface HostSigner {

  /** The host's id, as pairing assigned it. */
  String hostId();

  /** The raw 32-byte Ed25519 public key. */
  byte[] publicKey();

  /** An Ed25519 signature (64 bytes) over {@code data}. */
  byte[] sign(byte[] data);
}
