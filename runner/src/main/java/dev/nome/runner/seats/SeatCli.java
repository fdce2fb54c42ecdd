package dev.nome.runner.seats;

import dev.nome.core.route.StopReason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One provider CLI as a seat run drives it: how its tool calls map to NOME's, how it waits for a
 * person, how its run folder is prepared, how it is started or resumed, and how its own record is
 * checked against the gate's. Implementations: {@link ClaudeSeat#cli}, {@link CodexSeat}.
 */
public interface SeatCli {

  /** The CLI's name as people know it, for messages ("Claude Code"). */
  String name();

  ToolMap tools();

  /**
   * How a call that needs a person is held: paused by the CLI, or (as most CLIs honour only a
   * hook's denial) denied and asked again.
   */
  default HookGate.Pause pause() {
    return HookGate.Pause.DENY_AND_RETRY;
  }

  /**
   * Writes what the CLI needs in the run's folder (the hook script, the gate token, the CLI's
   * per-run configuration). Throws {@link SeatRefused} when the seat cannot run safely.
   */
  void prepare(Path runDir, Path workspace, HookGate hooks, Map<String, String> environment)
      throws IOException, InterruptedException;

  /**
   * Runs one stretch: with the task, or resuming {@code resume} (a session id the CLI gave) with
   * {@code message} (what a person decided, for CLIs that take a new message on resume), with
   * {@code environment} (already filtered).
   */
  SeatOutcome run(
      Path workspace,
      Map<String, String> environment,
      Optional<String> task,
      Optional<String> resume,
      Optional<String> message,
      HookGate hooks,
      Path runDir,
      BooleanSupplier stopNow)
      throws IOException, InterruptedException;

  /**
   * What a resumed stretch starts with, given what people decided: by default what was decided and
   * to make an approved call again; empty for a CLI that asks about a paused call by itself.
   */
  default Optional<String> resumeMessage(List<SeatApprovals.Answer> answers) {
    return Optional.of(SeatApprovals.retryMessage(answers));
  }

  /** The problems of a run whose record and the gate's disagree; empty when they agree. */
  List<String> crossCheck(SeatOutcome o, HookGate.Tally t);

  /** The most the whole run may take. */
  Duration runTimeout();

  /** A seat that cannot run safely on this host; the run stops with the reason before starting. */
  final class SeatRefused extends IOException {
    private final StopReason reason;

    public SeatRefused(StopReason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public StopReason reason() {
      return reason;
    }
  }
}
