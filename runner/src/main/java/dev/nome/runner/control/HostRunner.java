package dev.nome.runner.control;

import dev.nome.runner.seats.SeatProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The runner's connection to its control plane: reports the provider CLI states at start, then
 * holds the host's event stream open, reporting again when asked ({@code report-seats}) and
 * reconnecting after network trouble. When the server refuses the device token (revoked), it stops
 * for good and says so; it never keeps working on a revoked pairing.
 */
public final class HostRunner implements Runnable {

  /** How the runner ended. */
  public enum Outcome {
    REVOKED,
    STOPPED
  }

  private final ControlPlaneClient client;
  private final Supplier<SeatProbe.Report> probe;
  private final PrintStream out;
  private volatile boolean stopping;
  private volatile Thread thread;
  private volatile Outcome outcome;

  public HostRunner(ControlPlaneClient client, Supplier<SeatProbe.Report> probe, PrintStream out) {
    this.client = client;
    this.probe = probe;
    this.out = out;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    outcome = loop();
    if (outcome == Outcome.REVOKED) {
      out.println(
          "nome: this computer's pairing was revoked on the control plane; the runner stopped."
              + " Pair it again with: nome pair");
      out.flush();
    }
  }

  /** Runs until revoked or {@link #stop}ped; returns why it ended. */
  public Outcome loop() {
    Duration backoff = Duration.ofMillis(250);
    try {
      report();
      while (!stopping) {
        try {
          client.events(
              (event, data) -> {
                if (event.equals("report-seats")) {
                  try {
                    report();
                  } catch (IOException | InterruptedException e) {
                    // the next report (or reconnect) tries again
                  }
                }
              });
          // The stream ended: either revoked (the next call says 401) or the server went away.
          client.me();
          backoff = Duration.ofMillis(250);
        } catch (RevokedException e) {
          return Outcome.REVOKED;
        } catch (IOException e) {
          if (stopping) {
            break;
          }
          Thread.sleep(backoff.toMillis());
          backoff =
              backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                  ? Duration.ofSeconds(30)
                  : backoff.multipliedBy(2);
        }
      }
    } catch (RevokedException e) {
      return Outcome.REVOKED;
    } catch (IOException e) {
      out.println("nome: the runner stopped: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Outcome.STOPPED;
  }

  private void report() throws IOException, InterruptedException {
    client.reportSeats(probe.get().toJson());
  }

  public Outcome outcome() {
    return outcome;
  }

  public void stop() {
    stopping = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }
}
