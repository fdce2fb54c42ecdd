package dev.nome.runner.launch;

import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.control.ControlPlaneClient;
import dev.nome.runner.tokens.DeviceTokenStore;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.runner.tokens.RunnerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * This host as its control plane knows it: where the control plane is, the device token, the host
 * id and the host key that signs its receipts, the durable queue of receipt journals, and the
 * installation's scrubber.
 *
 * @param queueDir where run journals wait until the control plane acknowledges them
 */
public record HostSession(
    URI server,
    String deviceToken,
    String hostId,
    HostKey hostKey,
    Path queueDir,
    SecretScrubber scrubber) {

  /** The folder under the NOME home that holds receipt journals. */
  public static final String QUEUE = "queue";

  /** The folder under the NOME home that holds the folders of seat runs while they run. */
  public static final String SEATS = "seats";

  /** The scrubber's fingerprint key under the NOME home. */
  public static final String FINGERPRINT_KEY = "fingerprint.key";

  public HostSession {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(deviceToken, "deviceToken");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(hostKey, "hostKey");
    Objects.requireNonNull(queueDir, "queueDir");
    Objects.requireNonNull(scrubber, "scrubber");
  }

  /** Where each seat run keeps its folder while it runs ({@code RunFolder}). */
  public Path seatsDir() {
    return queueDir.resolveSibling(SEATS);
  }

  /** This host is not paired (no device token, host key or server in the NOME home). */
  public static final class NotPairedException extends IOException {
    public NotPairedException(String message) {
      super(message);
    }
  }

  /**
   * Loads the pairing from {@code home} and asks the control plane who this host is. A refused
   * token is a {@code RevokedException}; an unreachable control plane an {@code IOException}.
   */
  public static HostSession load(NomeHome home) throws IOException, InterruptedException {
    home.checkDir();
    String token =
        new DeviceTokenStore(home)
            .load()
            .orElseThrow(
                () ->
                    new NotPairedException(
                        "this computer is not paired; run nome up here, or nome pair --server URL"));
    URI server =
        new RunnerConfig(home)
            .server()
            .orElseThrow(() -> new NotPairedException("no paired control plane is configured"));
    HostKey key =
        HostKey.load(home)
            .orElseThrow(
                () ->
                    new NotPairedException(
                        "this computer has no host key; pair it again with nome pair"));
    String hostId;
    try {
      hostId = new ControlPlaneClient(server, token).me().path("host_id").asText("");
    } catch (java.net.ConnectException e) {
      throw new IOException("cannot reach the control plane at " + server, e);
    }
    if (hostId.isEmpty()) {
      throw new IOException("the control plane at " + server + " did not say who this host is");
    }
    SecretScrubber scrubber =
        SecretScrubber.create(FingerprintKey.loadOrCreate(home.file(FINGERPRINT_KEY)));
    return new HostSession(server, token, hostId, key, home.file(QUEUE), scrubber);
  }
}
