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

  /**
   * {@code POST /api/runs}; {@code cli}, {@code cliVersion} and {@code seatAuth} (the sign-in state
   * the CLI's status command reported) only for seat routes.
   */
  record NewRun(
      String workItemId,
      String route,
      String workspace,
      String role,
      String task,
      Optional<String> cli,
      Optional<String> cliVersion,
      Optional<String> seatAuth) {
    public NewRun {
      Objects.requireNonNull(workItemId, "workItemId");
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(cli, "cli");
      Objects.requireNonNull(cliVersion, "cliVersion");
      Objects.requireNonNull(seatAuth, "seatAuth");
    }

    /** A byok run: NOME's own loop, no CLI. */
    public static NewRun byok(
        String workItemId, String route, String workspace, String role, String task) {
      return new NewRun(
          workItemId,
          route,
          workspace,
          role,
          task,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
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
    private final Optional<String> runId;

    public RunRefused(StopReason reason, String message) {
      this(reason, message, Optional.empty());
    }

    /**
     * @param runId the run the server recorded as stopped with this reason, when it says
     */
    public RunRefused(StopReason reason, String message, Optional<String> runId) {
      super(message);
      this.reason = reason;
      this.runId = runId;
    }

    public StopReason reason() {
      return reason;
    }

    public Optional<String> runId() {
      return runId;
    }
  }

  /** {@code POST /api/work-items}: a new work item created by this host; returns its id. */
  String createWorkItem(String title, String description) throws IOException, InterruptedException;

  /**
   * {@code PUT /api/runs/{id}/artifacts/{name}}: stores an artifact of the run (the workspace diff,
   * the run's log). Text must already be scrubbed; the server scrubs it again.
   */
  void putArtifact(String runId, String name, byte[] content)
      throws IOException, InterruptedException;

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
