package dev.nome.app;

import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.model.ModelProxySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane {@code nome demo} works with: the one {@code nome up} serves for this user
 * (found by the URL and owner token it leaves in its data directory, and a healthy {@code
 * /health}), or one started in this process exactly as {@code nome up} starts it.
 *
 * @param started the control plane this process started, to close when the demo is done; empty when
 *     the demo uses one that was already serving
 */
record DemoPlane(URI url, String ownerToken, Optional<ControlPlane> started)
    implements AutoCloseable {

  @Override
  public String toString() {
    return "DemoPlane[" + url + (started.isPresent() ? ", started here]" : "]");
  }

  /** The control plane serving with {@code dataDir}, if its {@code /health} answers. */
  static Optional<DemoPlane> find(Path dataDir) throws IOException, InterruptedException {
    Optional<UserSession> local = UserSession.local(dataDir);
    if (local.isEmpty() || !healthy(local.get().server())) {
      return Optional.empty();
    }
    return Optional.of(new DemoPlane(local.get().server(), local.get().token(), Optional.empty()));
  }

  /**
   * Starts a control plane as {@code nome up} does (loopback, the same data directory, database and
   * model proxy settings from the environment) and prints what {@code nome up} prints.
   */
  static DemoPlane start(Path dataDir, int port, Map<String, String> env, PrintStream out)
      throws IOException {
    ModelProxySettings proxy = ModelProxySettings.fromEnvironment(env);
    Optional<String> db =
        Optional.ofNullable(env.get(ServerConfig.DATABASE_URL_ENV)).filter(s -> !s.isBlank());
    ControlPlane plane;
    try {
      plane =
          ControlPlane.start(
              new ServerConfig("127.0.0.1", port, dataDir, db).withModelProxy(proxy),
              NomeVersion.get());
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("Port already in use")) {
        throw new IOException(
            "port "
                + port
                + " is in use: if nome up serves there with another data directory, give nome"
                + " demo the same --data-dir; else choose another --port",
            e);
      }
      throw e;
    }
    try {
      UpCommand.announce(plane, proxy, out);
      UserSession owner =
          UserSession.local(dataDir)
              .orElseThrow(
                  () ->
                      new IOException(
                          "the control plane did not leave the owner's token in " + dataDir));
      return new DemoPlane(plane.url(), owner.token(), Optional.of(plane));
    } catch (IOException | RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  private static boolean healthy(URI server) throws InterruptedException {
    try {
      HttpResponse<Void> res =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(3))
              .build()
              .send(
                  HttpRequest.newBuilder(server.resolve("/health"))
                      .timeout(Duration.ofSeconds(5))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return res.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    if (started.isPresent()) {
      started.get().close();
    }
  }
}
