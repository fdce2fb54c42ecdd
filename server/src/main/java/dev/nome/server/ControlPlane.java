package dev.nome.server;

import dev.nome.core.receipt.HostSigner;
import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.audit.AuditApi;
import dev.nome.server.audit.LogSigningKey;
import dev.nome.server.http.ApiError;
import dev.nome.server.http.ErrorBody;
import dev.nome.server.http.HealthHandler;
import dev.nome.server.http.SecurityHeaders;
import dev.nome.server.storage.DataDirLock;
import dev.nome.server.storage.Database;
import dev.nome.server.storage.DatabaseUrl;
import dev.nome.server.telemetry.Telemetry;
import dev.nome.server.web.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running control plane instance: the data directory lock, the database and the HTTP server.
 * {@link #start} brings all three up or none; {@link #close} takes them down in reverse.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  /** The installation's fingerprint key for the secret scrubber, in the data directory. */
  public static final String FINGERPRINT_KEY_FILE = "fingerprint.key";

  private static final String API_ERROR_RENDERED = "nome.api-error-rendered";

  private final DataDirLock lock;
  private final Database database;
  private final Javalin http;
  private final URI url;

  private ControlPlane(DataDirLock lock, Database database, Javalin http, URI url) {
    this.lock = lock;
    this.database = database;
    this.http = http;
    this.url = url;
  }

  /**
   * Locks the data directory, opens and migrates the database, and starts serving.
   *
   * @throws IOException when the data directory cannot be created or is locked by another instance
   */
  public static ControlPlane start(ServerConfig config, String version) throws IOException {
    return start(config, version, Wiring.defaults());
  }

  /** As {@link #start(ServerConfig, String)}, with the parts other concerns supply. */
  public static ControlPlane start(ServerConfig config, String version, Wiring wiring)
      throws IOException {
    DataDirLock lock = DataDirLock.acquire(config.dataDir());
    Database database = null;
    try {
      database =
          config
              .databaseUrl()
              .map(u -> Database.open(DatabaseUrl.parsePostgres(u)))
              .orElseGet(() -> Database.openSqlite(config.dataDir()));
      HostSigner logKey = LogSigningKey.loadOrCreate(config.dataDir());
      Function<String, ScrubbedText> scrubber =
          wiring.scrubber().isPresent()
              ? wiring.scrubber().get()
              : SecretScrubber.create(
                      FingerprintKey.loadOrCreate(config.dataDir().resolve(FINGERPRINT_KEY_FILE)))
                  ::scrub;
      Javalin http = createHttp(database, version, wiring, logKey, scrubber);
      http.start(config.bindAddress(), config.port());
      int port = http.port();
      URI url = URI.create("http://" + hostForUrl(config.bindAddress()) + ":" + port + "/");
      log.info("control plane listening on {} with {}", url, database.url().display());
      return new ControlPlane(lock, database, http, url);
    } catch (RuntimeException e) {
      if (database != null) {
        database.close();
      }
      lock.close();
      throw e;
    }
  }

  private static Javalin createHttp(
      Database database,
      String version,
      Wiring wiring,
      HostSigner logKey,
      Function<String, ScrubbedText> scrubber) {
    Pages pages = new Pages();
    HealthHandler health = new HealthHandler(database, version);
    Telemetry telemetry = new Telemetry();
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.maxRequestSize = 1_000_000L;
              config.staticFiles.enableWebjars();
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/static";
                    files.directory = "/static";
                    files.location = Location.CLASSPATH;
                  });
            });
    app.before(SecurityHeaders::apply);
    wiring.authenticators().forEach(app::before);
    app.get("/health", health::handle);
    telemetry.register(app);
    new AuditApi(
            database.jdbi(), wiring.hosts(), logKey, scrubber, telemetry.registry(), wiring.clock())
        .register(app);
    pages.register(app);
    app.exception(
        ApiError.class,
        (e, ctx) -> {
          // Marked so that the not-found page below leaves a handler's own 404 message alone.
          ctx.attribute(API_ERROR_RENDERED, Boolean.TRUE);
          ctx.status(e.status()).json(ErrorBody.of(e.code(), e.getMessage()));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
              .json(ErrorBody.of("internal", "the server failed to handle this request"));
        });
    app.error(
        HttpStatus.NOT_FOUND,
        ctx -> {
          if (ctx.attribute(API_ERROR_RENDERED) != null) {
            return;
          }
          if (isApi(ctx)) {
            ctx.json(ErrorBody.of("not_found", "no resource at " + ctx.path()));
          } else {
            pages.notFound(ctx);
          }
        });
    return app;
  }

  private static boolean isApi(Context ctx) {
    return ctx.path().startsWith("/api/") || ctx.path().equals("/health");
  }

  private static String hostForUrl(String bindAddress) {
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
      return "127.0.0.1";
    }
    return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
  }

  public URI url() {
    return url;
  }

  public int port() {
    return http.port();
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() throws IOException {
    try {
      http.stop();
    } finally {
      try {
        database.close();
      } finally {
        lock.close();
      }
    }
  }
}
