package dev.nome.runner.runs;

import dev.nome.core.Tier;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.model.Usage;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends a run's progress to the control plane through a {@link RunRegistry}: {@code running} with
 * the step at each model turn, {@code waiting-approval} while a person is asked, each turn's
 * tokens, and the final status with its reason. Reporting is best effort: a failed report never
 * stops the run (the receipts are the record; a revoked host is stopped by the gate), it is only
 * counted.
 */
public final class RunReporter implements RunListener {

  private final RunRegistry registry;
  private final String runId;
  private final Consumer<String> problems;
  private int step;
  private int failures;

  /**
   * @param problems told (with a short, content-free line) when a report could not be sent
   */
  public RunReporter(RunRegistry registry, String runId, Consumer<String> problems) {
    this.registry = registry;
    this.runId = runId;
    this.problems = problems == null ? p -> {} : problems;
  }

  /** How many reports could not be sent. */
  public int failures() {
    return failures;
  }

  @Override
  public void step(int step) {
    this.step = step;
    send(() -> registry.status(runId, "running", turn(), Optional.empty(), Optional.empty()));
  }

  private Optional<String> turn() {
    return Optional.of("turn " + step);
  }

  @Override
  public void approvalWaiting(String tool, Tier tier, boolean queued) {
    send(
        () ->
            registry.status(
                runId,
                "waiting-approval",
                Optional.of(
                    "turn "
                        + step
                        + ": "
                        + (queued ? "waiting for the control plane: " : "waiting for approval: ")
                        + tool
                        + " ("
                        + tier.name().toLowerCase(java.util.Locale.ROOT)
                        + ")"),
                Optional.empty(),
                Optional.empty()));
  }

  @Override
  public void approvalDone(String tool, String outcome) {
    send(() -> registry.status(runId, "running", turn(), Optional.empty(), Optional.empty()));
  }

  @Override
  public void usage(Usage total, Usage added) {
    send(() -> registry.usage(runId, added.inputTokens(), added.outputTokens()));
  }

  @Override
  public void finished(RunOutcome outcome) {
    send(
        () ->
            registry.status(
                runId, outcome.status(), turn(), outcome.reason(), Optional.of(outcome.message())));
  }

  private interface Report {
    void send() throws IOException, InterruptedException;
  }

  private void send(Report r) {
    try {
      r.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures++;
    } catch (IOException | RuntimeException e) {
      failures++;
      problems.accept("a run report could not be sent (" + e.getClass().getSimpleName() + ")");
    }
  }
}
