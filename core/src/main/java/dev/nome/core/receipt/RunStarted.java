package dev.nome.core.receipt;

import java.util.Optional;

/**
 * The first receipt of every run.
 *
 * @param hostId the paired host the run executes on
 * @param workItemId the work item the run belongs to, when there is one
 */
public record RunStarted(String hostId, Optional<String> workItemId) implements Receipt {

  public RunStarted {
    Ids.check("host id", hostId);
    workItemId.ifPresent(w -> Ids.check("work item id", w));
  }

  @Override
  public String type() {
    return "run_started";
  }
}
