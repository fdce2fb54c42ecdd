package dev.nome.server.accounts;

import dev.nome.core.token.TokenKind;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Command-line tokens ({@code nome login}): a {@code nome_ut_} token per login, kept hashed. */
public final class UserTokenStore {

  private final Jdbi jdbi;
  private final Clock clock;

  public UserTokenStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Issues a token for {@code account}; the return value is the only copy of it. */
  public String issue(Account account, String label) {
    String token = TokenKind.USER.generate();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO user_token (token_hash, account_id, label, created_at)"
                        + " VALUES (:h, :a, :l, :now)")
                .bind("h", TokenHash.of(token))
                .bind("a", account.id())
                .bind("l", label)
                .bind("now", clock.millis())
                .execute());
    return token;
  }

  /** The account of a well-formed, known, unrevoked token. */
  public Optional<Account> find(String wellFormedToken) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT a.id, a.username, a.is_owner FROM user_token t"
                        + " JOIN account a ON a.id = t.account_id"
                        + " WHERE t.token_hash = :h AND t.revoked_at IS NULL")
                .bind("h", TokenHash.of(wellFormedToken))
                .map(
                    (rs, c) ->
                        new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3), true))
                .findFirst());
  }

  public void revoke(String wellFormedToken) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE user_token SET revoked_at = :now WHERE token_hash = :h"
                        + " AND revoked_at IS NULL")
                .bind("now", clock.millis())
                .bind("h", TokenHash.of(wellFormedToken))
                .execute());
  }
}
