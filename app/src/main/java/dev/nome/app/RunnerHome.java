package dev.nome.app;

import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.control.ControlPlaneClient;
import dev.nome.runner.control.HostRunner;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.receipts.PendingJournals;
import dev.nome.runner.seats.EnvironmentFilter;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.runner.tokens.DeviceTokenStore;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.runner.tokens.RunnerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/** The commands' shared view of this host's NOME folder: where it is and what it holds. */
final class RunnerHome {

  final NomeHome home;
  final DeviceTokenStore tokens;
  final RunnerConfig config;

  RunnerHome() {
    this(NomeHome.fromEnvironment(System.getenv()));
  }

  RunnerHome(NomeHome home) {
    this.home = home;
    this.tokens = new DeviceTokenStore(home);
    this.config = new RunnerConfig(home);
  }

  /** The server to use: the option if given, else the paired one, else the local default. */
  URI server(String option) throws IOException {
    if (option != null && !option.isBlank()) {
      return normalize(URI.create(option.strip()));
    }
    return config.server().orElse(URI.create("http://127.0.0.1:7420/"));
  }

  static URI normalize(URI u) {
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
      throw new IllegalArgumentException("the server must be an http:// or https:// URL, got " + u);
    }
    String s = u.toString();
    return URI.create(s.endsWith("/") ? s : s + "/");
  }

  /** A client for the paired server, or empty when this host is not paired. */
  Optional<ControlPlaneClient> client() throws IOException {
    Optional<String> token = tokens.load();
    Optional<URI> server = config.server();
    if (token.isEmpty() || server.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ControlPlaneClient(server.get(), token.get()));
  }

  /**
   * Starts uploading, in the background, the receipt journals an earlier runner left in the queue
   * folder ({@link PendingJournals}), telling {@code out} what became of each; empty when this host
   * is not paired or nothing is queued. The folder is listed before this returns, so journals of
   * runs started afterwards are not touched.
   */
  Optional<PendingJournals> resumePendingUploads(PrintStream out) {
    try {
      Optional<String> token = tokens.load();
      Optional<URI> server = config.server();
      Path queue = home.file(HostSession.QUEUE);
      if (token.isEmpty() || server.isEmpty() || !Files.isDirectory(queue)) {
        return Optional.empty();
      }
      // Receipts pass the scrubber again while they are read back. Its fingerprint key only names
      // secrets it finds, and any find would already break the receipt's digest: a throw-away key.
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      SecretScrubber scrubber = SecretScrubber.create(key);
      PendingJournals pending =
          new PendingJournals(
              server.get(),
              token.get(),
              queue,
              scrubber,
              o -> {
                out.println("nome: queued receipts: " + o);
                out.flush();
              });
      if (pending.list().isEmpty()) {
        return Optional.empty();
      }
      pending.startInBackground();
      return Optional.of(pending);
    } catch (IOException | RuntimeException e) {
      // Not fatal: the journals stay where they are for the next start.
      out.println("nome: the queued receipts were not looked at: " + e.getMessage());
      return Optional.empty();
    }
  }

  static SeatProbe probe() {
    return new SeatProbe(EnvironmentFilter.standard(), System.getenv());
  }

  static HostRunner runner(ControlPlaneClient client, PrintStream out) {
    SeatProbe probe = probe();
    return new HostRunner(client, probe::probe, out);
  }
}
