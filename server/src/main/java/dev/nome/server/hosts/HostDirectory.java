package dev.nome.server.hosts;

import java.time.Instant;
import java.util.Optional;

/**
 * What other parts of the control plane (the audit store, approvals, runs) may ask about hosts: a
 * host's Ed25519 public key and whether (and since when) it is revoked. Backed by {@link
 * HostStore}.
 */
public final class HostDirectory {

  /** A host's identity for checking its signatures. */
  public record HostIdentity(
      String hostId, String accountId, String publicKeyBase64, Optional<Instant> revokedAt) {

    /** The raw 32-byte Ed25519 public key (the last 32 bytes of its X.509 encoding). */
    public byte[] rawPublicKey() {
      byte[] der = java.util.Base64.getDecoder().decode(publicKeyBase64);
      return java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    /** The public key as a JDK key (Ed25519, X.509 encoded). */
    public java.security.PublicKey publicKey() {
      try {
        byte[] der = java.util.Base64.getDecoder().decode(publicKeyBase64);
        return java.security.KeyFactory.getInstance("Ed25519")
            .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
      } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
        throw new IllegalStateException("host " + hostId + " has no valid Ed25519 public key", e);
      }
    }
  }

  private final HostStore hosts;

  public HostDirectory(HostStore hosts) {
    this.hosts = hosts;
  }

  public Optional<HostIdentity> find(String hostId) {
    return hosts
        .get(hostId)
        .map(h -> new HostIdentity(h.id(), h.accountId(), h.publicKey(), h.revokedAt()));
  }

  public boolean isRevoked(String hostId) {
    return find(hostId).map(h -> h.revokedAt().isPresent()).orElse(true);
  }
}
