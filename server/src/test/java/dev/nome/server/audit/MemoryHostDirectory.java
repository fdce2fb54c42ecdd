package dev.nome.server.audit;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Tests only: paired hosts in memory, revocable. */
public final class MemoryHostDirectory implements HostDirectory {

  private final Map<String, HostKey> keys = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  public MemoryHostDirectory add(String hostId, byte[] publicKey) {
    keys.put(hostId, new HostKey(hostId, publicKey));
    return this;
  }

  public void revoke(String hostId) {
    revoked.add(hostId);
  }

  @Override
  public Optional<HostKey> find(String hostId) {
    return Optional.ofNullable(keys.get(hostId));
  }

  @Override
  public boolean isRevoked(String hostId) {
    return revoked.contains(hostId);
  }
}
