package dev.nome.server.hosts;

import java.time.Instant;
import java.util.Optional;

/**
 * A paired computer as the control plane knows it.
 *
 * @param publicKey the host's Ed25519 public key (X.509 SubjectPublicKeyInfo, base64)
 * @param seatsJson the provider CLI states the runner last reported, as JSON; empty before
 */
public record Host(
    String id,
    String accountId,
    String name,
    String os,
    String osUser,
    String publicKey,
    Instant pairedAt,
    Optional<Instant> lastSeenAt,
    Optional<Instant> revokedAt,
    Optional<String> seatsJson) {

  public boolean revoked() {
    return revokedAt.isPresent();
  }
}
