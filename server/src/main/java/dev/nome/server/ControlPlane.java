package dev.nome.server;

import dev.nome.core.receipt.HostSigner;
import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.accounts.AccountStore;
import dev.nome.server.accounts.LocalOwnerToken;
import dev.nome.server.accounts.SessionStore;
import dev.nome.server.accounts.SignIn;
import dev.nome.server.accounts.UserTokenStore;
import dev.nome.server.approvals.ApprovalApi;
import dev.nome.server.approvals.ApprovalService;
import dev.nome.server.audit.AuditApi;
import dev.nome.server.audit.HostKey;
import dev.nome.server.audit.LogSigningKey;
import dev.nome.server.audit.RunDirectory;
import dev.nome.server.hosts.HostDirectory;
import dev.nome.server.hosts.HostEvents;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.hosts.HostStore;
import dev.nome.server.http.ApiError;
import dev.nome.server.http.Authenticator;
import dev.nome.server.http.ErrorBody;
import dev.nome.server.http.HealthHandler;
import dev.nome.server.http.HostApi;
import dev.nome.server.http.JsonBody;
import dev.nome.server.http.KeyApi;
import dev.nome.server.http.LoginApi;
import dev.nome.server.http.PairingApi;
import dev.nome.server.http.SecurityHeaders;
import dev.nome.server.model.ByokRunLookup;
import dev.nome.server.model.ByokRunTarget;
import dev.nome.server.model.ModelProxy;
import dev.nome.server.model.ModelProxyApi;
import dev.nome.server.pairing.PairingService;
import dev.nome.server.runs.RunApi;
import dev.nome.server.runs.RunService;
import dev.nome.server.runs.RunTimeline;
import dev.nome.server.runs.WorkItem;
import dev.nome.server.runs.WorkItemApi;
import dev.nome.server.storage.DataDirLock;
import dev.nome.server.storage.Database;
import dev.nome.server.storage.DatabaseUrl;
import dev.nome.server.telemetry.Telemetry;
import dev.nome.server.vault.KeyVault;
import dev.nome.server.vault.VaultKeys;
import dev.nome.server.web.AccountPages;
import dev.nome.server.web.ApprovalPages;
import dev.nome.server.web.ComputerPages;
import dev.nome.server.web.KeyPages;
import dev.nome.server.web.Pages;
import dev.nome.server.web.WorkItemPages;
import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running control plane instance: the data directory lock, the database, the services
 * (accounts, hosts, pairing, vault) and the HTTP server. {@link #start} brings all up or none;
 * {@link #close} takes them down in reverse.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  /**
   * Overrides the URL shown in links (pairing, invitations) when users reach the server by another
   * name.
   */
  public static final String PUBLIC_URL_ENV = "NOME_PUBLIC_URL";

  /** The installation's fingerprint key for the secret scrubber, in the data directory. */
  public static final String FINGERPRINT_KEY_FILE = "fingerprint.key";

  private static final String API_ERROR_RENDERED = "nome.api-error-rendered";

  private final DataDirLock lock;
  private final Database database;
  private final Services services;
  private final Javalin http;
  private final URI url;
  private final Optional<String> ownerSetupSecret;

  /** Everything the HTTP layer serves, built once per instance. */
  public record Services(
      AccountStore accounts,
      SessionStore sessions,
      UserTokenStore userTokens,
      SignIn signIn,
      HostStore hosts,
      HostEvents hostEvents,
      HostDirectory hostDirectory,
      PairingService pairing,
      KeyVault vault,
      Authenticator authenticator,
      ApprovalService approvals,
      RunService runs) {}

  private ControlPlane(
      DataDirLock lock,
      Database database,
      Services services,
      Javalin http,
      URI url,
      Optional<String> ownerSetupSecret) {
    this.lock = lock;
    this.database = database;
    this.services = services;
    this.http = http;
    this.url = url;
    this.ownerSetupSecret = ownerSetupSecret;
  }

  /**
   * Locks the data directory, opens and migrates the database, and starts serving.
   *
   * @throws IOException when the data directory cannot be created or is locked by another instance
   */
  public static ControlPlane start(ServerConfig config, String version) throws IOException {
    return start(config, version, Optional.empty(), Optional.empty());
  }

  /**
   * As {@link #start(ServerConfig, String)}, with the runs the model proxy serves given by the
   * caller instead of this control plane's own runs store (tests of the proxy alone).
   */
  public static ControlPlane start(ServerConfig config, String version, ByokRunLookup byokRuns)
      throws IOException {
    return start(config, version, Optional.empty(), Optional.of(byokRuns));
  }

  /**
   * As {@link #start(ServerConfig, String)}, with parts replaced for tests: the host directory the
   * audit store trusts, the scrubber, extra authenticating before-handlers and the clock.
   */
  public static ControlPlane start(ServerConfig config, String version, Wiring wiring)
      throws IOException {
    return start(config, version, Optional.of(wiring), Optional.empty());
  }

  /**
   * The model proxy serves a run only for its own host, while it runs, with the key it began with.
   */
  private static ByokRunLookup byokRunsOf(RunService runs) {
    return (runId, hostId) ->
        runs.byokRun(runId)
            .filter(r -> r.hostId().equals(hostId))
            .map(r -> new ByokRunTarget(r.accountId(), r.keyId(), r.model()));
  }

  private static ControlPlane start(
      ServerConfig config,
      String version,
      Optional<Wiring> wiring,
      Optional<ByokRunLookup> byokRuns)
      throws IOException {
    DataDirLock lock = DataDirLock.acquire(config.dataDir());
    Database database = null;
    HostEvents events = null;
    ApprovalService approvals = null;
    try {
      database =
          config
              .databaseUrl()
              .map(u -> Database.open(DatabaseUrl.parsePostgres(u)))
              .orElseGet(() -> Database.openSqlite(config.dataDir()));
      Clock clock = Clock.systemUTC();
      AccountStore accounts = new AccountStore(database.jdbi(), clock);
      SessionStore sessions = new SessionStore(database.jdbi(), clock);
      UserTokenStore userTokens = new UserTokenStore(database.jdbi(), clock);
      HostStore hosts = new HostStore(database.jdbi(), clock);
      events = new HostEvents(hosts);
      SecretScrubber standardScrubber =
          SecretScrubber.create(
              FingerprintKey.loadOrCreate(config.dataDir().resolve(FINGERPRINT_KEY_FILE)));
      approvals = new ApprovalService(database, clock, standardScrubber, hosts);
      events.onRevoked(approvals::hostRevoked);
      Function<String, ScrubbedText> scrubber =
          wiring.flatMap(Wiring::scrubber).isPresent()
              ? wiring.flatMap(Wiring::scrubber).get()
              : standardScrubber::scrub;
      KeyVault vault =
          new KeyVault(database, VaultKeys.load(config.dataDir(), System.getenv()), clock);
      RunService runs = new RunService(database.jdbi(), clock, vault, scrubber);
      events.onRevoked(runs::hostRevoked);
      Services services =
          new Services(
              accounts,
              sessions,
              userTokens,
              new SignIn(accounts, clock),
              hosts,
              events,
              new HostDirectory(hosts),
              new PairingService(database.jdbi(), hosts, clock, config.pairingIntervalSeconds()),
              vault,
              new Authenticator(sessions, userTokens, hosts),
              approvals,
              runs);
      Optional<String> setup = accounts.ensureOwner();
      AtomicReference<URI> publicUrl = new AtomicReference<>();
      HostSigner logKey = LogSigningKey.loadOrCreate(config.dataDir());
      dev.nome.server.audit.HostDirectory auditHosts =
          wiring.map(Wiring::hosts).orElseGet(() -> auditView(services.hostDirectory()));
      Telemetry telemetry = new Telemetry();
      AuditApi audit =
          new AuditApi(
              database.jdbi(),
              auditHosts,
              wiring.map(Wiring::runs).orElseGet(() -> auditView(runs)),
              logKey,
              scrubber,
              telemetry.registry(),
              wiring.map(Wiring::clock).orElse(clock));
      ModelProxy modelProxy =
          new ModelProxy(
              services.vault(),
              byokRuns.orElseGet(() -> byokRunsOf(runs)),
              runs::addProxyUsage,
              config.modelProxy(),
              standardScrubber::scrub,
              telemetry.registry());
      Javalin http =
          createHttp(
              database,
              services,
              version,
              publicUrl::get,
              telemetry,
              audit,
              wiring.map(Wiring::authenticators).orElse(java.util.List.of()));
      new ModelProxyApi(modelProxy).register(http);
      http.start(config.bindAddress(), config.port());
      int port = http.port();
      URI url = URI.create("http://" + hostForUrl(config.bindAddress()) + ":" + port + "/");
      String override = System.getenv(PUBLIC_URL_ENV);
      publicUrl.set(override == null || override.isBlank() ? url : URI.create(override));
      log.info("control plane listening on {} with {}", url, database.url().display());
      try {
        LocalOwnerToken.ensure(config.dataDir(), url, accounts, userTokens);
      } catch (IOException | RuntimeException e) {
        // Not fatal: person commands on this machine then need nome login.
        log.warn("cannot write the local owner token: {}", e.getMessage());
      }
      return new ControlPlane(lock, database, services, http, url, setup);
    } catch (RuntimeException | IOException e) {
      if (approvals != null) {
        approvals.close();
      }
      if (events != null) {
        events.close();
      }
      if (database != null) {
        database.close();
      }
      lock.close();
      throw e;
    }
  }

  /** The audit store's view of paired hosts: their Ed25519 keys and whether they were revoked. */
  private static dev.nome.server.audit.HostDirectory auditView(HostDirectory hosts) {
    return new dev.nome.server.audit.HostDirectory() {
      @Override
      public Optional<HostKey> find(String hostId) {
        return hosts.find(hostId).map(h -> new HostKey(h.hostId(), h.rawPublicKey()));
      }

      @Override
      public boolean isRevoked(String hostId) {
        return hosts.isRevoked(hostId);
      }
    };
  }

  /** The audit store's view of runs: the host, account and work item each was started for. */
  private static RunDirectory auditView(RunService runs) {
    return new RunDirectory() {
      @Override
      public Optional<Owner> find(String runId) {
        return runs.runs()
            .get(runId)
            .map(r -> new Owner(r.hostId(), r.accountId(), Optional.of(r.workItemId())));
      }

      @Override
      public Optional<String> accountOfWorkItem(String workItemId) {
        return runs.workItems().get(workItemId).map(WorkItem::accountId);
      }
    };
  }

  private static Javalin createHttp(
      Database database,
      Services s,
      String version,
      java.util.function.Supplier<URI> publicUrl,
      Telemetry telemetry,
      AuditApi audit,
      java.util.List<io.javalin.http.Handler> extraAuthenticators) {
    Pages pages = new Pages();
    HealthHandler health = new HealthHandler(database, version);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.maxRequestSize = JsonBody.MAX_BODY_BYTES;
              config.staticFiles.enableWebjars();
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/static";
                    files.directory = "/static";
                    files.location = Location.CLASSPATH;
                  });
            });
    app.before(SecurityHeaders::apply);
    app.before(s.authenticator()::handle);
    extraAuthenticators.forEach(app::before);
    app.get("/health", health::handle);
    telemetry.register(app);
    audit.register(app);
    pages.register(app);
    new AccountPages(pages, s.accounts(), s.sessions(), s.signIn(), publicUrl).register(app);
    new ComputerPages(pages, s.hosts(), s.hostEvents(), s.pairing()).register(app);
    new KeyPages(pages, s.vault()).register(app);
    new LoginApi(s.signIn(), s.userTokens()).register(app);
    new PairingApi(s.pairing(), publicUrl).register(app);
    new HostApi(s.hosts(), s.hostEvents()).register(app);
    new KeyApi(s.vault()).register(app);
    new ApprovalApi(s.approvals()).register(app);
    new ApprovalPages(pages, s.approvals()).register(app);
    new WorkItemApi(s.runs()).register(app);
    new RunApi(s.runs()).register(app);
    new WorkItemPages(pages, s.runs(), new RunTimeline(audit), s.hosts()).register(app);
    pages.badgeFrom(user -> s.approvals().store().pendingCount(user.accountId()));
    app.exception(
        ApiError.class,
        (e, ctx) -> {
          if (e.status() == HttpStatus.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer");
          }
          // Marked so that the not-found page below leaves a handler's own 404 message alone.
          ctx.attribute(API_ERROR_RENDERED, Boolean.TRUE);
          ctx.status(e.status()).json(ErrorBody.of(e.code(), e.getMessage()));
        });
    app.exception(
        ContentTooLargeResponse.class,
        (e, ctx) ->
            ctx.status(HttpStatus.CONTENT_TOO_LARGE)
                .json(
                    ErrorBody.of(
                        "too_large", "the request body is larger than the server accepts")));
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

  public Services services() {
    return services;
  }

  /**
   * The owner's one-time first sign-in link while the owner has not set a password; {@code nome up}
   * prints it. Empty once the owner has signed in.
   */
  public Optional<URI> ownerSetupLink() {
    return ownerSetupSecret.map(s -> url.resolve("/welcome/" + s));
  }

  /**
   * Pairs the machine this control plane runs on, on behalf of the owner, without a code: the
   * caller is this process, so no one else can be approving. Returns the device token's only copy.
   */
  public PairingService.Issued pairLocalHost(HostInfo info) {
    String ownerId =
        services
            .accounts()
            .byUsername(AccountStore.OWNER_USERNAME)
            .filter(a -> a.owner())
            .or(() -> services.accounts().all().stream().filter(a -> a.owner()).findFirst())
            .orElseThrow(() -> new IllegalStateException("no owner account"))
            .id();
    return services.pairing().pairDirectly(ownerId, info);
  }

  @Override
  public void close() throws IOException {
    try {
      services.approvals().close();
      services.hostEvents().close();
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
