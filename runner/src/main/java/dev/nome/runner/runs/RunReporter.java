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
 * the step at each model turn, {@code waiting-approval} while a person is asked, each turn's tokens
 * (seat routes only, see {@link #forByok}), and the final status with its reason. Reporting is best
 * effort: a failed report never stops the run (the receipts are the record; a revoked host is
 * stopped by the gate), it is only counted.
 */
public final class RunReporter implements RunListener {

  private final RunRegistry registry;
  private final String runId;
  private final boolean reportsUsage;
  private final Consumer<String> problems;
  private int step;
  private int failures;

  private RunReporter(
      RunRegistry registry, String runId, boolean reportsUsage, Consumer<String> problems) {
    this.registry = registry;
    this.runId = runId;
    this.reportsUsage = reportsUsage;
    this.problems = problems == null ? p -> {} : problems;
  }

  /**
   * For a byok run: status only. Every model call of a byok run passes the control plane's model
   * proxy, which adds its tokens to the run; the runs API refuses a host's usage report for such a
   * run (409 {@code usage_recorded_by_proxy}), so sending one would only count as a failure.
   *
   * @param problems told (with a short, content-free line) when a report could not be sent
   */
  public static RunReporter forByok(RunRegistry registry, String runId, Consumer<String> problems) {
    return new RunReporter(registry, runId, false, problems);
  }

  /**
   * For a seat run: status and each turn's tokens, since the provider CLI's usage is seen only on
   * the host.
   *
   * @param problems told (with a short, content-free line) when a report could not be sent
   */
  public static RunReporter forSeat(RunRegistry registry, String runId, Consumer<String> problems) {
    return new RunReporter(registry, runId, true, problems);
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
    if (reportsUsage) {
      send(() -> registry.usage(runId, added.inputTokens(), added.outputTokens()));
    }
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
