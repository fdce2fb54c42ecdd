package dev.nome.server.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.Tier;
import dev.nome.server.storage.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Approval requests, their transition records and the persisted event stream, in one database.
 *
 * <p>Every transition is one transaction that (1) moves the request with a conditional {@code
 * UPDATE … WHERE state = 'pending'} — so of two concurrent decisions exactly one changes a row —,
 * (2) appends an approval record and (3) appends an event. Event ids must grow in commit order, or
 * a reader that has seen event 7 could later miss a slower transaction's event 6: SQLite has one
 * writer at a time anyway, and on PostgreSQL the event insert first takes a transaction-scoped
 * advisory lock, then sends a {@code NOTIFY} that PostgreSQL delivers at commit.
 */
public final class ApprovalStore {

  /** The PostgreSQL channel on which every instance hears that new events were committed. */
  public static final String NOTIFY_CHANNEL = "nome_approval_events";

  private static final long EVENT_LOCK_KEY = 0x6e6f6d6520L; // "nome " — any fixed number

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String COLUMNS =
      "id, account_id, host_id, host_name, work_item_id, run_id, tool, tier, action, reason,"
          + " requested_at, expires_at, state, decided_at, decided_by_name, decided_from, comment";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;

  public ApprovalStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  /** A request that was stored, with the id of the event that announced it. */
  public record Raised(ApprovalRequest request, long eventId) {}

  /** The outcome of a transition attempt. */
  public sealed interface Outcome {
    /** This call moved the request; {@code eventId} announced it. */
    record Changed(ApprovalRequest request, long eventId) implements Outcome {}

    /** The request had already left pending (decisions only); {@code standing} is how it stands. */
    record AlreadyFinal(ApprovalRequest standing) implements Outcome {}

    /** Nothing changed: no such request in scope, or it was not (or no longer) pending. */
    record NotFound() implements Outcome {}
  }

  public Raised raise(String accountId, String hostId, String hostName, NewApproval n) {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    long expires = now + n.ttl().toMillis();
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO approval_request (id, account_id, host_id, host_name, work_item_id,"
                      + " run_id, tool, tier, action, reason, requested_at, expires_at, state)"
                      + " VALUES (:id, :a, :h, :hn, :w, :r, :t, :tier, :act, :why, :now, :exp,"
                      + " 'pending')")
              .bind("id", id)
              .bind("a", accountId)
              .bind("h", hostId)
              .bind("hn", hostName)
              .bind("w", n.workItemId().orElse(null))
              .bind("r", n.runId())
              .bind("t", n.tool())
              .bind("tier", n.tier().label())
              .bind("act", n.action().value())
              .bind("why", n.reason().value())
              .bind("now", now)
              .bind("exp", expires)
              .execute();
          ApprovalRequest req = find(h, id).orElseThrow();
          Actor host = new Actor("host:" + hostId, hostName, "host:" + hostId);
          record(h, req, ApprovalState.PENDING, host, now, "");
          return new Raised(req, appendEvent(h, req, "raised"));
        });
  }

  /**
   * A person's decision: moves a pending, unexpired request of {@code accountId} to {@code to}
   * (approved or denied). Loses to any transition that came first.
   */
  public Outcome decide(
      String id, String accountId, ApprovalState to, Actor actor, Optional<String> comment) {
    if (to != ApprovalState.APPROVED && to != ApprovalState.DENIED) {
      throw new IllegalArgumentException("a person approves or denies");
    }
    Outcome o =
        transition(
            id,
            to,
            actor,
            comment.orElse(""),
            " AND account_id = :scope AND expires_at > :now",
            accountId);
    if (o instanceof Outcome.Changed) {
      return o;
    }
    Optional<ApprovalRequest> r = get(id).filter(x -> x.accountId().equals(accountId));
    if (r.isEmpty()) {
      return new Outcome.NotFound();
    }
    if (r.get().overdue(clock.instant())) {
      expire(id); // expiry is checked at read time too, not only by the sweeper
      r = get(id);
    }
    return new Outcome.AlreadyFinal(r.orElseThrow());
  }

  /** Expires {@code id} if it is pending and its time is up. */
  public Outcome expire(String id) {
    return transition(id, ApprovalState.EXPIRED, Actor.SYSTEM, "", " AND expires_at <= :now", null);
  }

  /** Cancels a pending request raised by {@code hostId} (its run ended, or the host went away). */
  public Outcome cancel(String id, String hostId, Actor actor, String why) {
    return transition(id, ApprovalState.CANCELLED, actor, why, " AND host_id = :scope", hostId);
  }

  private Outcome transition(
      String id, ApprovalState to, Actor actor, String comment, String extraWhere, String scope) {
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          var update =
              h.createUpdate(
                      "UPDATE approval_request SET state = :to, decided_at = :now,"
                          + " decided_by = :by, decided_by_name = :byName, decided_from = :from,"
                          + " comment = :c WHERE id = :id AND state = 'pending'"
                          + extraWhere)
                  .bind("to", to.label())
                  .bind("now", now)
                  .bind("by", actor.id())
                  .bind("byName", actor.name())
                  .bind("from", actor.channel())
                  .bind("c", comment.isEmpty() ? null : comment)
                  .bind("id", id);
          if (scope != null) {
            update.bind("scope", scope);
          }
          if (update.execute() != 1) {
            return new Outcome.NotFound();
          }
          ApprovalRequest req = find(h, id).orElseThrow();
          record(h, req, to, actor, now, comment);
          return new Outcome.Changed(req, appendEvent(h, req, to.label()));
        });
  }

  public Optional<ApprovalRequest> get(String id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  private static Optional<ApprovalRequest> find(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM approval_request WHERE id = :id")
        .bind("id", id)
        .map(ApprovalStore::map)
        .findFirst();
  }

  /** Pending requests of the account whose time is not up, oldest first. */
  public List<ApprovalRequest> pending(String accountId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM approval_request WHERE account_id = :a AND state = 'pending'"
                        + " AND expires_at > :now ORDER BY requested_at, id")
                .bind("a", accountId)
                .bind("now", clock.millis())
                .map(ApprovalStore::map)
                .list());
  }

  public int pendingCount(String accountId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM approval_request WHERE account_id = :a"
                        + " AND state = 'pending' AND expires_at > :now")
                .bind("a", accountId)
                .bind("now", clock.millis())
                .mapTo(Integer.class)
                .one());
  }

  /** Decided requests of the account, newest decision first. */
  public List<ApprovalRequest> history(String accountId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM approval_request WHERE account_id = :a AND state <> 'pending'"
                        + " ORDER BY decided_at DESC, id LIMIT :n")
                .bind("a", accountId)
                .bind("n", limit)
                .map(ApprovalStore::map)
                .list());
  }

  /** Ids of pending requests whose time is up (for the sweeper). */
  public List<String> overdueIds() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM approval_request WHERE state = 'pending'"
                        + " AND expires_at <= :now")
                .bind("now", clock.millis())
                .mapTo(String.class)
                .list());
  }

  /** Pending requests raised by hosts that have been revoked (possibly on another instance). */
  public List<ApprovalRequest> pendingOfRevokedHosts() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM approval_request r WHERE state = 'pending' AND NOT EXISTS"
                        + " (SELECT 1 FROM host WHERE host.id = r.host_id"
                        + " AND host.revoked_at IS NULL)")
                .map(ApprovalStore::map)
                .list());
  }

  public List<String> pendingIdsOfHost(String hostId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM approval_request WHERE host_id = :h AND state = 'pending'")
                .bind("h", hostId)
                .mapTo(String.class)
                .list());
  }

  public List<String> pendingIdsOfRun(String hostId, String runId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM approval_request WHERE host_id = :h AND run_id = :r"
                        + " AND state = 'pending'")
                .bind("h", hostId)
                .bind("r", runId)
                .mapTo(String.class)
                .list());
  }

  /** One transition as the audit trail keeps it. */
  public record Record(
      String requestId,
      String decision,
      String decidedBy,
      String deviceId,
      Instant at,
      String comment) {}

  public List<Record> records(String requestId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT request_id, decision, decided_by, device_id, decided_at, comment"
                        + " FROM approval_record WHERE request_id = :id ORDER BY id")
                .bind("id", requestId)
                .map(
                    (rs, c) ->
                        new Record(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            rs.getString(6)))
                .list());
  }

  /** Events after {@code afterId}, every account, oldest first (for the fan-out). */
  public List<ApprovalEvent> eventsAfter(long afterId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, account_id, host_id, request_id, type, data FROM approval_event"
                        + " WHERE id > :after ORDER BY id LIMIT :n")
                .bind("after", afterId)
                .bind("n", limit)
                .map(ApprovalStore::mapEvent)
                .list());
  }

  /** Events after {@code afterId} that {@code audience} may see, oldest first (for replay). */
  public List<ApprovalEvent> eventsAfter(Audience audience, long afterId, int limit) {
    String column = audience instanceof Audience.OfHost ? "host_id" : "account_id";
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, account_id, host_id, request_id, type, data FROM approval_event"
                        + " WHERE id > :after AND "
                        + column
                        + " = :who ORDER BY id LIMIT :n")
                .bind("after", afterId)
                .bind("who", audience.key())
                .bind("n", limit)
                .map(ApprovalStore::mapEvent)
                .list());
  }

  public long lastEventId() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COALESCE(MAX(id), 0) FROM approval_event")
                .mapTo(Long.class)
                .one());
  }

  private static void record(
      Handle h, ApprovalRequest r, ApprovalState to, Actor actor, long now, String comment) {
    h.createUpdate(
            "INSERT INTO approval_record (request_id, account_id, proposed_action, tool, tier,"
                + " reason, decided_by, device_id, decided_at, decision, comment) VALUES (:id, :a,"
                + " :act, :t, :tier, :why, :by, :dev, :now, :d, :c)")
        .bind("id", r.id())
        .bind("a", r.accountId())
        .bind("act", r.action())
        .bind("t", r.tool())
        .bind("tier", r.tier().label())
        .bind("why", r.reason())
        .bind("by", actor.id())
        .bind("dev", actor.device())
        .bind("now", now)
        .bind("d", to.recordLabel())
        .bind("c", comment)
        .execute();
  }

  private long appendEvent(Handle h, ApprovalRequest r, String type) {
    if (dialect == Dialect.POSTGRESQL) {
      h.createQuery("SELECT pg_advisory_xact_lock(:k)")
          .bind("k", EVENT_LOCK_KEY)
          .mapTo(String.class)
          .list();
    }
    String data;
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", type);
      body.put("request", ApprovalJson.view(r));
      data = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an approval event cannot be written as JSON", e);
    }
    long id =
        h.createQuery(
                "INSERT INTO approval_event (account_id, host_id, request_id, type, data,"
                    + " created_at) VALUES (:a, :h, :r, :t, :d, :now) RETURNING id")
            .bind("a", r.accountId())
            .bind("h", r.hostId())
            .bind("r", r.id())
            .bind("t", type)
            .bind("d", data)
            .bind("now", clock.millis())
            .mapTo(Long.class)
            .one();
    if (dialect == Dialect.POSTGRESQL) {
      h.createQuery("SELECT pg_notify(:ch, :id)")
          .bind("ch", NOTIFY_CHANNEL)
          .bind("id", Long.toString(id))
          .mapTo(String.class)
          .list();
    }
    return id;
  }

  private static ApprovalEvent mapEvent(ResultSet rs, StatementContext c) throws SQLException {
    return new ApprovalEvent(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6));
  }

  private static ApprovalRequest map(ResultSet rs, StatementContext ctx) throws SQLException {
    long decided = rs.getLong("decided_at");
    boolean decidedNull = rs.wasNull();
    return new ApprovalRequest(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("host_id"),
        rs.getString("host_name"),
        Optional.ofNullable(rs.getString("work_item_id")),
        rs.getString("run_id"),
        rs.getString("tool"),
        Tier.parse(rs.getString("tier")),
        rs.getString("action"),
        rs.getString("reason"),
        Instant.ofEpochMilli(rs.getLong("requested_at")),
        Instant.ofEpochMilli(rs.getLong("expires_at")),
        ApprovalState.parse(rs.getString("state")),
        decidedNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decided)),
        Optional.ofNullable(rs.getString("decided_by_name")),
        Optional.ofNullable(rs.getString("decided_from")),
        Optional.ofNullable(rs.getString("comment")));
  }
}
