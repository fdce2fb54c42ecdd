package dev.nome.server.audit;

import java.util.Optional;

/**
 * What the audit store needs to know about paired hosts: their Ed25519 public keys and whether they
 * were revoked. Pairing implements it; until then {@link #NONE} knows no host, so every upload is
 * refused (fail closed).
 */
public interface HostDirectory {

  /** The host's current public key, when the host is paired. */
  Optional<HostKey> find(String hostId);

  /** True when the host was revoked; its uploads are refused from then on. */
  boolean isRevoked(String hostId);

  /** A directory that knows no host. */
  HostDirectory NONE =
      new HostDirectory() {
        @Override
        public Optional<HostKey> find(String hostId) {
          return Optional.empty();
        }

        @Override
        public boolean isRevoked(String hostId) {
          return true;
        }
      };
}
