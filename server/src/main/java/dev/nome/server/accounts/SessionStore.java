package dev.nome.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Browser sessions. The cookie holds 256 random bits; the database holds their SHA-256, the
 * account, a per-session CSRF token (the synchronizer token pages send back) and the expiry.
 */
public final class SessionStore {

  public static final Duration TTL = Duration.ofDays(7);

  /** A new session: the cookie value (shown once) and the session it stands for. */
  public record Created(String cookieValue, Session session) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public SessionStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Created create(Account account) {
    String secret = TokenHash.randomUrlSafe(32);
    String csrf = TokenHash.randomUrlSafe(32);
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO session (token_hash, account_id, csrf_token, created_at,"
                        + " expires_at) VALUES (:h, :a, :c, :now, :exp)")
                .bind("h", TokenHash.of(secret))
                .bind("a", account.id())
                .bind("c", csrf)
                .bind("now", now)
                .bind("exp", now + TTL.toMillis())
                .execute());
    return new Created(secret, new Session(account, csrf));
  }

  public Optional<Session> find(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT a.id, a.username, a.is_owner, s.csrf_token FROM session s"
                        + " JOIN account a ON a.id = s.account_id"
                        + " WHERE s.token_hash = :h AND s.expires_at > :now")
                .bind("h", TokenHash.of(cookieValue))
                .bind("now", clock.millis())
                .map(
                    (rs, c) ->
                        new Session(
                            new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3), true),
                            rs.getString(4)))
                .findFirst());
  }

  public void delete(String cookieValue) {
    if (cookieValue == null) {
      return;
    }
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM session WHERE token_hash = :h")
                .bind("h", TokenHash.of(cookieValue))
                .execute());
  }
}
