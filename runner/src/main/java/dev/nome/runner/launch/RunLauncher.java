package dev.nome.runner.launch;

import dev.nome.core.route.Route;
import dev.nome.core.route.StopReason;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.seats.SeatState;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a run's route before anything runs and records the run with the control plane. A byok
 * route is resolved by the control plane (the key must exist, not be removed, and allow the model);
 * a seat route here, from the CLI's own status command, and the control plane records what the host
 * found. A route that cannot run ends as {@link Launch.Refused} with its typed reason; nothing ever
 * switches to another seat, key or model (P11).
 */
public final class RunLauncher {

  /** How a launch ended. */
  public sealed interface Launch {
    String workItemId();

    /** The run exists and is {@code starting}: run it. */
    record Started(String workItemId, RunRegistry.CreatedRun run) implements Launch {}

    /**
     * The seat's CLI is installed and signed in: the run is for the seat runner to create and
     * start, with the state the probe found.
     */
    record SeatReady(String workItemId, Route.Seat seat, SeatState state) implements Launch {}

    /** The route cannot run; the control plane recorded the run as stopped when it says so. */
    record Refused(String workItemId, Optional<String> runId, StopReason reason, String message)
        implements Launch {}
  }

  private final RunRegistry registry;
  private final Function<String, SeatState> seats;

  /**
   * @param seats probes one seat's CLI ({@code claude}, {@code codex}, {@code gemini}) with its
   *     status command, e.g. {@code SeatProbe::probe}
   */
  public RunLauncher(RunRegistry registry, Function<String, SeatState> seats) {
    this.registry = registry;
    this.seats = seats;
  }

  public Launch launch(RunPlan plan) throws IOException, InterruptedException {
    String workItemId =
        switch (plan.workItem()) {
          case RunPlan.WorkItemChoice.Existing e -> e.id();
          case RunPlan.WorkItemChoice.New n -> registry.createWorkItem(n.title(), "");
        };
    String workspace = plan.workspace().toString();
    try {
      return switch (plan.route()) {
        case Route.Byok byok ->
            new Launch.Started(
                workItemId,
                registry.create(
                    RunRegistry.NewRun.byok(
                        workItemId, byok.text(), workspace, plan.role(), plan.task())));
        case Route.Seat seat -> launchSeat(workItemId, seat, workspace, plan);
      };
    } catch (RunRegistry.RunRefused e) {
      return new Launch.Refused(workItemId, e.runId(), e.reason(), e.getMessage());
    }
  }

  /** Records a seat run whose CLI the probe found ready; the control plane keeps what it found. */
  public RunRegistry.CreatedRun createSeatRun(Launch.SeatReady ready, RunPlan plan)
      throws IOException, InterruptedException, RunRegistry.RunRefused {
    return registry.create(
        new RunRegistry.NewRun(
            ready.workItemId(),
            ready.seat().text(),
            plan.workspace().toString(),
            plan.role(),
            plan.task(),
            Optional.of(ready.seat().cli()),
            Optional.of(ready.state().version()).filter(v -> !v.isBlank()),
            Optional.of(ready.state().auth())));
  }

  private Launch launchSeat(String workItemId, Route.Seat seat, String workspace, RunPlan plan)
      throws IOException, InterruptedException, RunRegistry.RunRefused {
    SeatState state;
    try {
      state = seats.apply(seat.cli());
    } catch (RuntimeException e) {
      // A probe that failed shows no sign-in: fail closed.
      state = new SeatState(seat.cli(), "", "unknown", "none");
    }
    boolean ready =
        state.auth().equals("signed-in") || state.auth().equals("unknown-until-first-run");
    if (ready) {
      return new Launch.SeatReady(workItemId, seat, state);
    }
    // Recorded as stopped with the reason the control plane derives from what the host found.
    registry.create(
        new RunRegistry.NewRun(
            workItemId,
            seat.text(),
            workspace,
            plan.role(),
            plan.task(),
            Optional.of(seat.cli()),
            Optional.of(state.version()).filter(v -> !v.isBlank()),
            Optional.of(state.auth())));
    throw new RunRegistry.RunRefused(
        StopReason.INTERNAL_ERROR, "the control plane accepted a seat that is not signed in");
  }
}
