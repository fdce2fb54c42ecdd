package dev.nome.runner.runs;

import dev.nome.core.route.StopReason;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls a runner makes about its runs, as the shared contract of the runs API names them
 * ({@code POST /api/runs}, {@code /api/runs/{id}/status}, {@code /api/runs/{id}/usage}). Every text
 * sent passes the scrubber first (P5). A refused device token is a {@code RevokedException}.
 */
public interface RunRegistry {

  /** {@code POST /api/runs}; {@code cli} and {@code cliVersion} only for seat routes. */
  record NewRun(
      String workItemId,
      String route,
      String workspace,
      String role,
      String task,
      Optional<String> cli,
      Optional<String> cliVersion) {
    public NewRun {
      Objects.requireNonNull(workItemId, "workItemId");
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(cli, "cli");
      Objects.requireNonNull(cliVersion, "cliVersion");
    }
  }

  /** The route as the server resolved it: what the run's {@code RouteRecord} receipt holds. */
  record ResolvedRoute(
      String authLane,
      String costLane,
      Optional<String> provider,
      String cli,
      Optional<String> cliVersion,
      Optional<String> model) {}

  /** The created run; its status is {@code starting}. */
  record CreatedRun(String id, String workItemId, String status, ResolvedRoute route) {}

  /** The server refused to start the run, with a typed reason (409): the route failed closed. */
  final class RunRefused extends Exception {
    private final StopReason reason;

    public RunRefused(StopReason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public StopReason reason() {
      return reason;
    }
  }

  CreatedRun create(NewRun run) throws RunRefused, IOException, InterruptedException;

  /**
   * {@code POST /api/runs/{id}/status}: {@code running, waiting-approval, succeeded, failed,
   * stopped}; terminal statuses are final.
   *
   * @param step what the run is doing now, in words (e.g. {@code turn 3})
   * @param reason for {@code failed} and {@code stopped} only
   * @param message for final statuses only
   */
  void status(
      String runId,
      String status,
      Optional<String> step,
      Optional<StopReason> reason,
      Optional<String> message)
      throws IOException, InterruptedException;

  /**
   * {@code POST /api/runs/{id}/usage}: adds tokens to the run's totals. Seat runs only: for a byok
   * run the control plane answers 409 {@code usage_recorded_by_proxy} (its model proxy counts).
   */
  void usage(String runId, long inputTokens, long outputTokens)
      throws IOException, InterruptedException;
}
