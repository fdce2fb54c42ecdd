package dev.nome.server.audit;

import java.util.Optional;

/**
 * What the audit store needs to know about the control plane's runs: which host a run was started
 * on, for which work item, and whose it is. A host may store receipts only for a run the control
 * plane started on it, and a person may read only the runs and work items of their own account.
 * Until runs are wired, {@link #NONE} knows no run, so every upload and every read is refused (fail
 * closed).
 */
public interface RunDirectory {

  /** The run's owner, when the control plane started a run with this id. */
  Optional<Owner> find(String runId);

  /** The account a work item belongs to, when there is such a work item. */
  Optional<String> accountOfWorkItem(String workItemId);

  /**
   * @param hostId the host the run was started on: the only one whose receipts it takes
   * @param accountId the account whose people may read the run's receipts
   * @param workItemId the work item the run belongs to, as its first receipt must name it
   */
  record Owner(String hostId, String accountId, Optional<String> workItemId) {}

  /** A directory that knows no run. */
  RunDirectory NONE =
      new RunDirectory() {
        @Override
        public Optional<Owner> find(String runId) {
          return Optional.empty();
        }

        @Override
        public Optional<String> accountOfWorkItem(String workItemId) {
          return Optional.empty();
        }
      };
}
