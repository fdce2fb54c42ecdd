package dev.nome.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts and their one-time links. A link is a random secret sent to a person out of band (the
 * terminal for the owner, a message for an invitee); only its SHA-256 is stored and it works once.
 */
public final class AccountStore {

  public static final String OWNER_USERNAME = "owner";
  public static final Duration SETUP_LINK_TTL = Duration.ofHours(24);
  public static final Duration INVITE_TTL = Duration.ofDays(7);

  /** What a one-time link lets its holder do. */
  public enum LinkPurpose {
    SETUP,
    INVITE
  }

  /** A valid, unused link. {@code accountId} is the account to set up (SETUP only). */
  public record Link(LinkPurpose purpose, Optional<String> accountId) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public AccountStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * On the first start creates the owner account; while the owner has no password, returns a fresh
   * one-time setup link secret (older ones are voided). Empty once the owner has signed in.
   */
  public Optional<String> ensureOwner() {
    return jdbi.inTransaction(
        h -> {
          Optional<Account> owner =
              h.createQuery(
                      "SELECT id, username, is_owner, password_hash IS NOT NULL AS has_pw"
                          + " FROM account WHERE is_owner = :t")
                  .bind("t", true)
                  .map(
                      (rs, c) ->
                          new Account(
                              rs.getString(1), rs.getString(2), true, rs.getBoolean("has_pw")))
                  .findFirst();
          String ownerId;
          if (owner.isEmpty()) {
            ownerId = UUID.randomUUID().toString();
            h.createUpdate(
                    "INSERT INTO account (id, username, password_hash, is_owner, created_at)"
                        + " VALUES (:id, :u, NULL, :t, :now)")
                .bind("id", ownerId)
                .bind("u", OWNER_USERNAME)
                .bind("t", true)
                .bind("now", clock.millis())
                .execute();
          } else if (owner.get().hasPassword()) {
            return Optional.empty();
          } else {
            ownerId = owner.get().id();
          }
          h.createUpdate("DELETE FROM account_link WHERE purpose = 'setup' AND account_id = :id")
              .bind("id", ownerId)
              .execute();
          String secret = TokenHash.randomUrlSafe(32);
          insertLink(h, secret, LinkPurpose.SETUP, ownerId, null, SETUP_LINK_TTL);
          return Optional.of(secret);
        });
  }

  /** Creates an invitation link secret on behalf of {@code inviterId}. */
  public String invite(String inviterId) {
    String secret = TokenHash.randomUrlSafe(32);
    jdbi.useHandle(h -> insertLink(h, secret, LinkPurpose.INVITE, null, inviterId, INVITE_TTL));
    return secret;
  }

  private void insertLink(
      org.jdbi.v3.core.Handle h,
      String secret,
      LinkPurpose purpose,
      String accountId,
      String createdBy,
      Duration ttl) {
    long now = clock.millis();
    h.createUpdate(
            "INSERT INTO account_link (token_hash, purpose, account_id, created_by, created_at,"
                + " expires_at) VALUES (:h, :p, :a, :b, :now, :exp)")
        .bind("h", TokenHash.of(secret))
        .bind("p", purpose.name().toLowerCase(Locale.ROOT))
        .bind("a", accountId)
        .bind("b", createdBy)
        .bind("now", now)
        .bind("exp", now + ttl.toMillis())
        .execute();
  }

  /** The link behind {@code secret} if it exists, is unused and has not expired. */
  public Optional<Link> findLink(String secret) {
    if (secret == null || secret.length() > 100) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT purpose, account_id FROM account_link WHERE token_hash = :h"
                        + " AND used_at IS NULL AND expires_at > :now")
                .bind("h", TokenHash.of(secret))
                .bind("now", clock.millis())
                .map(
                    (rs, c) ->
                        new Link(
                            LinkPurpose.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                            Optional.ofNullable(rs.getString(2))))
                .findFirst());
  }

  /**
   * Uses a setup link: sets the password of its account. Returns the account, or empty when the
   * link is not (or no longer) valid.
   */
  public Optional<Account> useSetupLink(String secret, String password) {
    String hash = PasswordHasher.hash(password);
    return jdbi.inTransaction(
        h -> {
          Optional<String> accountId = claim(h, secret, "setup");
          accountId.ifPresent(
              id ->
                  h.createUpdate("UPDATE account SET password_hash = :p WHERE id = :id")
                      .bind("p", hash)
                      .bind("id", id)
                      .execute());
          return accountId.flatMap(id -> byId(h, id));
        });
  }

  /** Uses an invitation: creates the account. Empty when the link is invalid or the name taken. */
  public Optional<Account> useInvite(String secret, String username, String password) {
    String hash = PasswordHasher.hash(password);
    return jdbi.inTransaction(
        h -> {
          boolean taken =
              h.createQuery("SELECT COUNT(*) FROM account WHERE username = :u")
                      .bind("u", username)
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (taken) {
            return Optional.empty();
          }
          if (claim(h, secret, "invite").isEmpty()) {
            return Optional.empty();
          }
          String id = UUID.randomUUID().toString();
          h.createUpdate(
                  "INSERT INTO account (id, username, password_hash, is_owner, created_at)"
                      + " VALUES (:id, :u, :p, :f, :now)")
              .bind("id", id)
              .bind("u", username)
              .bind("p", hash)
              .bind("f", false)
              .bind("now", clock.millis())
              .execute();
          return byId(h, id);
        });
  }

  /** Marks the link used; returns its account id ("" for invites) when it was valid. */
  private Optional<String> claim(org.jdbi.v3.core.Handle h, String secret, String purpose) {
    long now = clock.millis();
    String hash = TokenHash.of(secret);
    Optional<String> account =
        h.createQuery(
                "SELECT COALESCE(account_id, '') FROM account_link WHERE token_hash = :h"
                    + " AND purpose = :p AND used_at IS NULL AND expires_at > :now")
            .bind("h", hash)
            .bind("p", purpose)
            .bind("now", now)
            .mapTo(String.class)
            .findFirst();
    if (account.isEmpty()) {
      return Optional.empty();
    }
    int n =
        h.createUpdate(
                "UPDATE account_link SET used_at = :now WHERE token_hash = :h AND used_at IS NULL")
            .bind("now", now)
            .bind("h", hash)
            .execute();
    return n == 1 ? account : Optional.empty();
  }

  public Optional<Account> byUsername(String username) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, username, is_owner, password_hash IS NOT NULL AS has_pw"
                        + " FROM account WHERE username = :u")
                .bind("u", username)
                .map(
                    (rs, c) ->
                        new Account(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getBoolean(3),
                            rs.getBoolean("has_pw")))
                .findFirst());
  }

  /** The stored Argon2id hash of {@code username}, if the account exists and has a password. */
  public Optional<String> passwordHash(String username) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT password_hash FROM account WHERE username = :u"
                        + " AND password_hash IS NOT NULL")
                .bind("u", username)
                .mapTo(String.class)
                .findFirst());
  }

  public List<Account> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, username, is_owner, password_hash IS NOT NULL AS has_pw"
                        + " FROM account ORDER BY created_at")
                .map(
                    (rs, c) ->
                        new Account(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getBoolean(3),
                            rs.getBoolean("has_pw")))
                .list());
  }

  private static Optional<Account> byId(org.jdbi.v3.core.Handle h, String id) {
    return h.createQuery(
            "SELECT id, username, is_owner, password_hash IS NOT NULL AS has_pw"
                + " FROM account WHERE id = :id")
        .bind("id", id)
        .map(
            (rs, c) ->
                new Account(
                    rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean("has_pw")))
        .findFirst();
  }
}
