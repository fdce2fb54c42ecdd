package dev.nome.runner.launch;

import dev.nome.runner.runs.RunStanding;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.seats.RunFolder;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Seat runs whose runner was killed before the end: their folders stay behind, each with its CLI's
 * own record of the run, and the control plane still shows them going. Cleared when the next seat
 * run starts on this computer.
 */
public final class OrphanSeatRuns {

  private OrphanSeatRuns() {}

  /**
   * Empties the folders no live run holds ({@link RunFolder#sweep}) and tells the control plane
   * that each such run, if it still shows as going, stopped; a run the control plane could not be
   * told about keeps an empty folder, so the next seat run tells it. Not fatal: {@code say} is told
   * what was done and what could not be.
   */
  public static void clear(HostSession host, RunsClient registry, Consumer<String> say) {
    try {
      for (String id : RunFolder.sweep(host.seatsDir(), id -> stop(registry, id, say))) {
        say.accept("removed the folder left by an earlier seat run, " + id);
      }
    } catch (IOException e) {
      say.accept("the folders of earlier seat runs were not looked at: " + e.getMessage());
    }
  }

  /** True once the control plane does not show the run as going (or it is not this host's). */
  private static boolean stop(RunsClient registry, String runId, Consumer<String> say) {
    try {
      if (registry.standing(runId) == RunStanding.OPEN) {
        registry.stoppedWithItsRunner(runId);
      }
      return true;
    } catch (IOException e) {
      say.accept("could not mark run " + runId + " stopped (next time): " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
