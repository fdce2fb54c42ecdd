package dev.nome.server.hosts;

import dev.nome.server.accounts.TokenHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Paired hosts and their device tokens (kept as SHA-256 only), revocations, last-seen times and the
 * provider CLI states their runners report.
 */
public final class HostStore {

  /** Last-seen is written at most this often per host, so a busy runner does not write per call. */
  private static final long SEEN_WRITE_INTERVAL_MS = 30_000;

  private static final String COLUMNS =
      "id, account_id, name, os, os_user, public_key, paired_at, last_seen_at, revoked_at,"
          + " seats_json";

  private final Jdbi jdbi;
  private final Clock clock;
  private final ConcurrentHashMap<String, Long> seenWritten = new ConcurrentHashMap<>();

  public HostStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Records a newly paired host whose device token hashes to {@code tokenHash}. */
  public Host create(String accountId, HostInfo info, String tokenHash) {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO host (id, account_id, name, os, os_user, public_key, token_hash,"
                        + " paired_at, last_seen_at) VALUES (:id, :a, :n, :os, :u, :pk, :th, :now,"
                        + " :now)")
                .bind("id", id)
                .bind("a", accountId)
                .bind("n", info.name())
                .bind("os", info.os())
                .bind("u", info.osUser())
                .bind("pk", info.publicKey())
                .bind("th", tokenHash)
                .bind("now", now)
                .execute());
    return get(id).orElseThrow();
  }

  /** The unrevoked host whose device token hashes to {@code tokenHash}; marks it seen. */
  public Optional<Host> findActiveByTokenHash(String tokenHash) {
    Optional<Host> host =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM host WHERE token_hash = :th AND revoked_at IS NULL")
                    .bind("th", tokenHash)
                    .map(HostStore::map)
                    .findFirst());
    host.ifPresent(this::markSeen);
    return host;
  }

  /** True while {@code hostId} exists and is not revoked (checked by open event streams). */
  public boolean isActive(String hostId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM host WHERE id = :id AND revoked_at IS NULL")
                    .bind("id", hostId)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  public Optional<Host> get(String hostId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM host WHERE id = :id")
                .bind("id", hostId)
                .map(HostStore::map)
                .findFirst());
  }

  /** The account's hosts, unrevoked first, newest first. */
  public List<Host> list(String accountId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM host WHERE account_id = :a ORDER BY (revoked_at IS NOT NULL),"
                        + " paired_at DESC")
                .bind("a", accountId)
                .map(HostStore::map)
                .list());
  }

  /** Every host, for the audit store's directory. */
  public List<Host> all() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT " + COLUMNS + " FROM host").map(HostStore::map).list());
  }

  /**
   * Revokes {@code hostId} if it belongs to {@code accountId} and is not revoked yet, and records
   * the revocation. Returns false when there was nothing to revoke.
   */
  public boolean revoke(String hostId, String accountId, String revokedBy, String reason) {
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          int n =
              h.createUpdate(
                      "UPDATE host SET revoked_at = :now WHERE id = :id AND account_id = :a"
                          + " AND revoked_at IS NULL")
                  .bind("now", now)
                  .bind("id", hostId)
                  .bind("a", accountId)
                  .execute();
          if (n == 1) {
            h.createUpdate(
                    "INSERT INTO host_revocation (host_id, account_id, revoked_at, revoked_by,"
                        + " reason) VALUES (:id, :a, :now, :by, :r)")
                .bind("id", hostId)
                .bind("a", accountId)
                .bind("now", now)
                .bind("by", revokedBy)
                .bind("r", reason)
                .execute();
          }
          return n == 1;
        });
  }

  /** A recorded revocation, for the audit trail. */
  public record Revocation(String hostId, Instant at, String by, String reason) {}

  public List<Revocation> revocations(String hostId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT host_id, revoked_at, revoked_by, reason FROM host_revocation"
                        + " WHERE host_id = :id ORDER BY revoked_at")
                .bind("id", hostId)
                .map(
                    (rs, c) ->
                        new Revocation(
                            rs.getString(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3),
                            rs.getString(4)))
                .list());
  }

  /** Stores the provider CLI states a host's runner reported (already reduced to safe fields). */
  public void reportSeats(String hostId, String seatsJson) {
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE host SET seats_json = :s, seats_at = :now, last_seen_at = :now"
                        + " WHERE id = :id AND revoked_at IS NULL")
                .bind("s", seatsJson)
                .bind("now", now)
                .bind("id", hostId)
                .execute());
  }

  private void markSeen(Host host) {
    long now = clock.millis();
    Long last = seenWritten.get(host.id());
    if (last != null && now - last < SEEN_WRITE_INTERVAL_MS) {
      return;
    }
    seenWritten.put(host.id(), now);
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE host SET last_seen_at = :now WHERE id = :id")
                .bind("now", now)
                .bind("id", host.id())
                .execute());
  }

  /** Hash helper kept here so callers never hash tokens differently. */
  public static String hashToken(String token) {
    return TokenHash.of(token);
  }

  private static Host map(ResultSet rs, StatementContext ctx) throws SQLException {
    long seen = rs.getLong("last_seen_at");
    boolean seenNull = rs.wasNull();
    long revoked = rs.getLong("revoked_at");
    boolean revokedNull = rs.wasNull();
    return new Host(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("name"),
        rs.getString("os"),
        rs.getString("os_user"),
        rs.getString("public_key"),
        Instant.ofEpochMilli(rs.getLong("paired_at")),
        seenNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(seen)),
        revokedNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked)),
        Optional.ofNullable(rs.getString("seats_json")));
  }
}
