package dev.nome.server.audit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tests only: the control plane's runs in memory, as the audit store sees them. */
public final class MemoryRunDirectory implements RunDirectory {

  private final Map<String, Owner> runs = new ConcurrentHashMap<>();
  private final Map<String, String> workItems = new ConcurrentHashMap<>();

  /** A run started on {@code hostId} for {@code accountId}, under its work item if it has one. */
  public MemoryRunDirectory add(
      String runId, String hostId, String accountId, Optional<String> workItemId) {
    runs.put(runId, new Owner(hostId, accountId, workItemId));
    workItemId.ifPresent(w -> workItems.putIfAbsent(w, accountId));
    return this;
  }

  @Override
  public Optional<Owner> find(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public Optional<String> accountOfWorkItem(String workItemId) {
    return Optional.ofNullable(workItems.get(workItemId));
  }
}
