package dev.nome.app;

import dev.nome.runner.control.HostRunner;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.model.ModelProxySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nome up}: starts the control plane and serves until interrupted. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start the control plane (web UI and API) on this machine.")
final class UpCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "" + ServerConfig.DEFAULT_PORT,
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Option(
      names = "--data-dir",
      description = "Where the embedded database and keys live (default: ~/.nome/server).")
  Path dataDir;

  @Option(
      names = "--database",
      description =
          "A postgresql://user:password@host:port/db URL to share with other instances"
              + " (default: $"
              + ServerConfig.DATABASE_URL_ENV
              + ", else embedded SQLite).")
  String database;

  @Option(
      names = "--no-local-runner",
      description = "Do not pair this machine with the local control plane or run its runner.")
  boolean noLocalRunner;

  @Option(
      names = "--provider-base-url",
      paramLabel = "PROVIDER=URL",
      description =
          "Send the model proxy's calls for anthropic, openai or google keys to URL instead of the"
              + " provider (a local model server, e.g. anthropic=http://127.0.0.1:8080;"
              + " openai URLs include /v1). Repeatable; also $"
              + ModelProxySettings.BASE_URLS_ENV
              + " as PROVIDER=URL,PROVIDER=URL.")
  List<String> providerBaseUrls = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ModelProxySettings proxy;
    try {
      proxy = ModelProxySettings.fromEnvironment(System.getenv());
      for (String pair : providerBaseUrls) {
        proxy = proxy.withBaseUrls(ModelProxySettings.parseBaseUrls(pair));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Optional<String> db =
        Optional.ofNullable(database)
            .or(() -> Optional.ofNullable(System.getenv(ServerConfig.DATABASE_URL_ENV)))
            .filter(s -> !s.isBlank());
    ServerConfig config =
        new ServerConfig(bind, port, dataDir == null ? ServerConfig.defaultDataDir() : dataDir, db)
            .withModelProxy(proxy);
    ControlPlane plane = ControlPlane.start(config, NomeVersion.get());
    HostRunner runner = noLocalRunner ? null : LocalPairing.startLocalRunner(plane, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    if (runner != null) {
                      runner.stop();
                    }
                    plane.close();
                  } catch (Exception e) {
                    System.err.println("nome: error while stopping: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "nome-shutdown"));
    announce(plane, proxy, System.out);
    System.out.println("Press Ctrl-C to stop.");
    System.out.flush();
    stopped.await();
    return 0;
  }

  /**
   * What {@code nome up} prints once serving: the URL, the database, and the first sign-in link.
   */
  static void announce(ControlPlane plane, ModelProxySettings proxy, PrintStream out) {
    out.println("NOME control plane: " + plane.url());
    out.println("Database: " + plane.database().url().display());
    proxy
        .baseUrls()
        .forEach(
            (provider, url) ->
                out.println("Model calls for " + provider.id() + " keys go to " + url));
    plane
        .ownerSetupLink()
        .ifPresent(
            link -> {
              out.println();
              out.println("First sign-in: open this one-time link to set the owner's password:");
              out.println("  " + link);
              out.println(
                  "(it works once, for 24 hours; a new one is printed at each start until used)");
              out.println();
            });
  }
}
