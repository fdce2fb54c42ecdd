package dev.nome.runner.launch;

import dev.nome.core.Tier;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.model.Usage;
import java.util.List;

/** Several listeners told the same progress, in order. */
public final class RunListeners {

  private RunListeners() {}

  public static RunListener all(RunListener... listeners) {
    List<RunListener> all = List.of(listeners);
    return new RunListener() {
      @Override
      public void step(int step) {
        all.forEach(l -> l.step(step));
      }

      @Override
      public void approvalWaiting(String tool, Tier tier, boolean queued) {
        all.forEach(l -> l.approvalWaiting(tool, tier, queued));
      }

      @Override
      public void approvalDone(String tool, String outcome) {
        all.forEach(l -> l.approvalDone(tool, outcome));
      }

      @Override
      public void toolCall(String summary) {
        all.forEach(l -> l.toolCall(summary));
      }

      @Override
      public void usage(Usage total, Usage added) {
        all.forEach(l -> l.usage(total, added));
      }

      @Override
      public void finished(RunOutcome outcome) {
        all.forEach(l -> l.finished(outcome));
      }
    };
  }
}
