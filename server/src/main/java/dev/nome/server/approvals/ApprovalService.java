package dev.nome.server.approvals;

import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.Scrubber;
import dev.nome.server.hosts.HostStore;
import dev.nome.server.storage.Database;
import dev.nome.server.storage.DatabaseUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval queue's rules on top of {@link ApprovalStore} and {@link ApprovalHub}: text from
 * hosts and people passes the scrubber before it is stored, every change pokes the fan-out, and a
 * sweeper expires overdue requests, cancels the pending requests of revoked hosts (also when the
 * revocation happened on another instance) and closes those hosts' streams.
 */
public final class ApprovalService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

  public static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);
  public static final Duration PING_INTERVAL = Duration.ofSeconds(15);

  private final ApprovalStore store;
  private final ApprovalHub hub;
  private final Scrubber scrubber;
  private final HostStore hosts;
  private final PostgresNotifications notifications;
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nome-approval-sweep");
            t.setDaemon(true);
            return t;
          });
  private volatile long lastPing;

  /**
   * @param scrubber every proposed action, reason and comment passes through it before it is stored
   *     or sent (P5); this is the one place where approval text is scrubbed
   */
  public ApprovalService(Database database, Clock clock, Scrubber scrubber, HostStore hosts) {
    this.store = new ApprovalStore(database.jdbi(), database.dialect(), clock);
    this.hub = new ApprovalHub(store);
    this.scrubber = scrubber;
    this.hosts = hosts;
    if (database.url() instanceof DatabaseUrl.Postgres pg) {
      notifications = new PostgresNotifications(pg, hub::poke);
      notifications.start();
    } else {
      notifications = null;
    }
    this.lastPing = clock.millis();
    sweeper.scheduleWithFixedDelay(
        this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  public ApprovalStore store() {
    return store;
  }

  public ApprovalHub hub() {
    return hub;
  }

  /** Scrubs text that came from outside (an agent's action, a policy reason, a comment). */
  public ScrubbedText scrub(String text) {
    return scrubber.scrub(text == null ? "" : text);
  }

  public ApprovalStore.Raised raise(
      String accountId, String hostId, String hostName, NewApproval n) {
    ApprovalStore.Raised r = store.raise(accountId, hostId, hostName, n);
    hub.poke();
    return r;
  }

  public ApprovalStore.Outcome decide(
      String id, String accountId, ApprovalState to, Actor actor, Optional<String> comment) {
    Optional<String> clean =
        comment.map(String::strip).filter(c -> !c.isEmpty()).map(c -> scrub(c).value());
    ApprovalStore.Outcome o = store.decide(id, accountId, to, actor, clean);
    hub.poke();
    return o;
  }

  /** The host's runner cancels its own pending request (the run ended or no longer needs it). */
  public ApprovalStore.Outcome cancel(String id, String hostId, String hostName, String why) {
    Actor host = new Actor("host:" + hostId, hostName, "host:" + hostId);
    ApprovalStore.Outcome o = store.cancel(id, hostId, host, scrub(why).value());
    hub.poke();
    return o;
  }

  /** Cancels every pending request of one run of {@code hostId}; returns how many. */
  public int cancelRun(String hostId, String hostName, String runId) {
    int n = 0;
    for (String id : store.pendingIdsOfRun(hostId, runId)) {
      if (cancel(id, hostId, hostName, "the run ended") instanceof ApprovalStore.Outcome.Changed) {
        n++;
      }
    }
    return n;
  }

  /**
   * A host was revoked: its pending requests are cancelled and its approval streams closed. Called
   * at once by the revoking instance; the sweeper catches revocations made elsewhere.
   */
  public void hostRevoked(String hostId) {
    for (String id : store.pendingIdsOfHost(hostId)) {
      store.cancel(id, hostId, Actor.SYSTEM, "the host was revoked");
    }
    hub.poke();
    hub.closeWhere(s -> s.audience() instanceof Audience.OfHost h && h.hostId().equals(hostId));
  }

  /** Expires a request whose time is up when someone reads it, without waiting for the sweeper. */
  public Optional<ApprovalRequest> get(String id) {
    Optional<ApprovalRequest> r = store.get(id);
    if (r.isPresent() && r.get().overdue(store.clock().instant())) {
      store.expire(id);
      hub.poke();
      r = store.get(id);
    }
    return r;
  }

  public List<ApprovalRequest> pending(String accountId) {
    expireOverdue();
    return store.pending(accountId);
  }

  void sweep() {
    try {
      expireOverdue();
      for (ApprovalRequest r : store.pendingOfRevokedHosts()) {
        store.cancel(r.id(), r.hostId(), Actor.SYSTEM, "the host was revoked");
      }
      hub.closeWhere(s -> s.audience() instanceof Audience.OfHost h && !hosts.isActive(h.hostId()));
      long now = store.clock().millis();
      if (now - lastPing >= PING_INTERVAL.toMillis()) {
        lastPing = now;
        hub.pingAll();
      }
      hub.poke(); // the safety poll: catches anything a lost notification would have announced
    } catch (RuntimeException e) {
      log.warn("approval sweep failed; trying again shortly", e);
    }
  }

  private void expireOverdue() {
    boolean any = false;
    for (String id : store.overdueIds()) {
      any |= store.expire(id) instanceof ApprovalStore.Outcome.Changed;
    }
    if (any) {
      hub.poke();
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    if (notifications != null) {
      notifications.close();
    }
    hub.close();
  }
}
