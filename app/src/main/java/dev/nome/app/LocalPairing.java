package dev.nome.app;

import dev.nome.runner.control.ControlPlaneClient;
import dev.nome.runner.control.HostRunner;
import dev.nome.runner.control.RevokedException;
import dev.nome.runner.pairing.ThisHost;
import dev.nome.runner.tokens.HostKey;
import dev.nome.server.ControlPlane;
import dev.nome.server.hosts.HostInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;

/**
 * {@code nome up} pairs the machine it runs on with the control plane it just started, without a
 * code: both ends are this process, so there is no one else who could be approving. A pairing with
 * another server is left alone.
 */
final class LocalPairing {

  private LocalPairing() {}

  /** Pairs if needed and starts the local runner in the background; null when it cannot. */
  static HostRunner startLocalRunner(ControlPlane plane, PrintStream out) {
    RunnerHome rh = new RunnerHome();
    try {
      if (!ensurePaired(plane, rh, out)) {
        return null;
      }
      return startRunner(rh, out);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      out.println("nome: the local runner did not start: " + e.getMessage());
      return null;
    }
  }

  /**
   * Makes sure the host of {@code rh} is paired with {@code plane}: keeps a valid pairing, pairs
   * anew when there is none or it was revoked. False (and says so) when the host is paired with
   * another server, which is left alone.
   */
  static boolean ensurePaired(ControlPlane plane, RunnerHome rh, PrintStream out)
      throws IOException, InterruptedException {
    URI url = plane.url();
    Optional<URI> pairedWith = rh.config.server();
    Optional<String> token = rh.tokens.load();
    if (token.isPresent() && pairedWith.isPresent() && !pairedWith.get().equals(url)) {
      out.println(
          "This computer is paired with "
              + pairedWith.get()
              + "; not pairing it with this control plane.");
      return false;
    }
    boolean valid = false;
    if (token.isPresent()) {
      try {
        new ControlPlaneClient(url, token.get()).me();
        valid = true;
      } catch (RevokedException e) {
        valid = false;
      }
    }
    if (!valid) {
      HostKey key = HostKey.generate();
      ThisHost me = ThisHost.describe(null);
      var issued =
          plane.pairLocalHost(new HostInfo(me.name(), me.os(), me.user(), key.publicKeyBase64()));
      key.save(rh.home);
      rh.tokens.save(issued.deviceToken());
      rh.config.setServer(url);
      out.println("Paired this computer (" + me.name() + ") with the local control plane.");
    }
    return true;
  }

  /** Starts the runner of the paired host of {@code rh} on a daemon thread. */
  static HostRunner startRunner(RunnerHome rh, PrintStream out) throws IOException {
    HostRunner runner = RunnerHome.runner(rh.client().orElseThrow(), out);
    Thread t = new Thread(runner, "nome-local-runner");
    t.setDaemon(true);
    t.start();
    rh.resumePendingUploads(out);
    return runner;
  }
}
