package dev.nome.server.pairing;

import dev.nome.core.token.TokenKind;
import dev.nome.server.accounts.AttemptLimiter;
import dev.nome.server.accounts.TokenHash;
import dev.nome.server.hosts.Host;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.hosts.HostStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The RFC 8628 device authorization grant for pairing hosts.
 *
 * <p>A runner starts a request and gets a device code (its secret) and a user code (for a person).
 * A signed-in person enters the user code, sees the host's name, OS and user, and approves or
 * denies. The runner polls with its device code; after approval its next poll creates the host and
 * receives the device token — generated at that moment, so the clear token never rests in the
 * database. Codes are kept as SHA-256, expire after 10 minutes and work once.
 */
public final class PairingService {

  public static final Duration CODE_TTL = Duration.ofMinutes(10);
  public static final int SLOW_DOWN_STEP_SECONDS = 5;
  public static final int MAX_WRONG_CODES = 5;
  public static final Duration WRONG_CODE_WINDOW = Duration.ofMinutes(10);
  public static final Duration WRONG_CODE_LOCKOUT = Duration.ofMinutes(15);

  /** What the runner is told when it starts (RFC 8628 section 3.2). */
  public record DeviceAuthorization(
      String deviceCode, String userCode, int expiresIn, int interval) {}

  /** The outcome of one poll (RFC 8628 section 3.5). */
  public sealed interface Poll {
    record Issued(String deviceToken, Host host) implements Poll {}

    /** {@code code} is the RFC 8628 error code: authorization_pending, slow_down, … */
    record Pending(String code, int interval) implements Poll {}

    record Failed(String code, String message) implements Poll {}
  }

  /** The outcome of looking up a typed code for a person. */
  public sealed interface Lookup {
    record Found(String userCode, HostInfo host) implements Lookup {}

    record Refused(String message) implements Lookup {}
  }

  private final Jdbi jdbi;
  private final HostStore hosts;
  private final Clock clock;
  private final int intervalSeconds;
  private final AttemptLimiter wrongCodes;

  public PairingService(Jdbi jdbi, HostStore hosts, Clock clock, int intervalSeconds) {
    this.jdbi = jdbi;
    this.hosts = hosts;
    this.clock = clock;
    this.intervalSeconds = intervalSeconds;
    this.wrongCodes =
        new AttemptLimiter(MAX_WRONG_CODES, WRONG_CODE_WINDOW, WRONG_CODE_LOCKOUT, clock);
  }

  /** Pairing requests that may wait at once per client address. */
  public static final int MAX_PENDING_PER_ADDRESS = 20;

  /**
   * Starts a request from {@code clientAddress}; empty when that address already has {@value
   * #MAX_PENDING_PER_ADDRESS} requests waiting.
   */
  public Optional<DeviceAuthorization> start(HostInfo info, String clientAddress) {
    String deviceCode = TokenHash.randomUrlSafe(32);
    long now = clock.millis();
    // Requests a day past their expiry have nothing left to say; keep the table small.
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM pairing_request WHERE expires_at < :cutoff")
                .bind("cutoff", now - Duration.ofDays(1).toMillis())
                .execute());
    int waiting =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT COUNT(*) FROM pairing_request WHERE client_address = :a"
                            + " AND state = 'pending' AND expires_at > :now")
                    .bind("a", clientAddress)
                    .bind("now", now)
                    .mapTo(Integer.class)
                    .one());
    if (waiting >= MAX_PENDING_PER_ADDRESS) {
      return Optional.empty();
    }
    for (int attempt = 0; ; attempt++) {
      String userCode = UserCode.generate();
      try {
        jdbi.useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO pairing_request (device_code_hash, user_code_hash, name, os,"
                            + " os_user, public_key, client_address, created_at, expires_at,"
                            + " interval_seconds, state) VALUES (:d, :u, :n, :os, :ou, :pk, :addr,"
                            + " :now, :exp, :i, 'pending')")
                    .bind("d", TokenHash.of(deviceCode))
                    .bind("u", TokenHash.of(userCode))
                    .bind("n", info.name())
                    .bind("os", info.os())
                    .bind("ou", info.osUser())
                    .bind("pk", info.publicKey())
                    .bind("addr", clientAddress)
                    .bind("now", now)
                    .bind("exp", now + CODE_TTL.toMillis())
                    .bind("i", intervalSeconds)
                    .execute());
        return Optional.of(
            new DeviceAuthorization(
                deviceCode, userCode, (int) CODE_TTL.toSeconds(), intervalSeconds));
      } catch (RuntimeException e) {
        // A user code collision (unique index) is astronomically rare; try a new code a few times.
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private record Row(
      String userCodeHash,
      String state,
      long expiresAt,
      int interval,
      Long lastPollAt,
      HostInfo info,
      String decidedBy) {}

  public Poll poll(String deviceCode) {
    if (deviceCode == null || deviceCode.length() > 100) {
      return new Poll.Failed("invalid_grant", "unknown device code");
    }
    String dHash = TokenHash.of(deviceCode);
    long now = clock.millis();
    Row[] claimedRow = new Row[1];
    Poll answer =
        jdbi.inTransaction(
            h -> {
              Optional<Row> found =
                  h.createQuery(
                          "SELECT user_code_hash, state, expires_at, interval_seconds, last_poll_at,"
                              + " name, os, os_user, public_key, decided_by FROM pairing_request"
                              + " WHERE device_code_hash = :d")
                      .bind("d", dHash)
                      .map(
                          (rs, c) -> {
                            long lp = rs.getLong("last_poll_at");
                            Long lastPoll = rs.wasNull() ? null : lp;
                            return new Row(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getInt(4),
                                lastPoll,
                                new HostInfo(
                                    rs.getString("name"),
                                    rs.getString("os"),
                                    rs.getString("os_user"),
                                    rs.getString("public_key")),
                                rs.getString("decided_by"));
                          })
                      .findFirst();
              if (found.isEmpty()) {
                return new Poll.Failed("invalid_grant", "unknown device code");
              }
              Row row = found.get();
              if (row.state().equals("issued")) {
                return new Poll.Failed(
                    "invalid_grant", "this pairing request was already completed");
              }
              if (now >= row.expiresAt()) {
                return new Poll.Failed("expired_token", "the pairing code expired; start again");
              }
              if (row.state().equals("denied")) {
                return new Poll.Failed("access_denied", "the pairing was denied");
              }
              if (row.lastPollAt() != null && now - row.lastPollAt() < row.interval() * 1000L) {
                int slower = row.interval() + SLOW_DOWN_STEP_SECONDS;
                h.createUpdate(
                        "UPDATE pairing_request SET interval_seconds = :i, last_poll_at = :now"
                            + " WHERE device_code_hash = :d")
                    .bind("i", slower)
                    .bind("now", now)
                    .bind("d", dHash)
                    .execute();
                return new Poll.Pending("slow_down", slower);
              }
              h.createUpdate(
                      "UPDATE pairing_request SET last_poll_at = :now WHERE device_code_hash = :d")
                  .bind("now", now)
                  .bind("d", dHash)
                  .execute();
              if (row.state().equals("pending")) {
                return new Poll.Pending("authorization_pending", row.interval());
              }
              // approved: issue the token exactly once.
              int claimed =
                  h.createUpdate(
                          "UPDATE pairing_request SET state = 'issued' WHERE device_code_hash = :d"
                              + " AND state = 'approved'")
                      .bind("d", dHash)
                      .execute();
              if (claimed != 1) {
                return new Poll.Failed(
                    "invalid_grant", "this pairing request was already completed");
              }
              claimedRow[0] = row;
              return null;
            });
    if (answer != null) {
      return answer;
    }
    // Outside the claim's transaction: SQLite allows one writer, and the claim already made this
    // request single-use.
    Row row = claimedRow[0];
    String token = TokenKind.DEVICE.generate();
    Host host = hosts.create(row.decidedBy(), row.info(), TokenHash.of(token));
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE pairing_request SET host_id = :host WHERE device_code_hash = :d")
                .bind("host", host.id())
                .bind("d", dHash)
                .execute());
    return new Poll.Issued(token, host);
  }

  /**
   * Looks up a code a person typed. Wrong codes count against the person (and their address); after
   * {@value #MAX_WRONG_CODES} within 10 minutes they are locked out for 15.
   */
  public Lookup lookup(String typed, String accountId, String clientAddress) {
    if (!wrongCodes.allowed("account:" + accountId) || !wrongCodes.allowed("ip:" + clientAddress)) {
      return new Lookup.Refused("too many wrong codes; wait 15 minutes and try again");
    }
    Optional<String> code = UserCode.normalize(typed);
    Optional<PendingRow> row = code.flatMap(this::findByUserCode);
    long now = clock.millis();
    if (row.isEmpty()) {
      wrong(accountId, clientAddress);
      return new Lookup.Refused("no computer is waiting with this code; check it and try again");
    }
    if (!row.get().state().equals("pending")) {
      wrong(accountId, clientAddress);
      return new Lookup.Refused("this code was already used; start pairing again on the computer");
    }
    if (now >= row.get().expiresAt()) {
      wrong(accountId, clientAddress);
      return new Lookup.Refused("this code expired; start pairing again on the computer");
    }
    return new Lookup.Found(code.get(), row.get().info());
  }

  private void wrong(String accountId, String clientAddress) {
    wrongCodes.fail("account:" + accountId);
    wrongCodes.fail("ip:" + clientAddress);
  }

  private record PendingRow(String state, long expiresAt, HostInfo info) {}

  private Optional<PendingRow> findByUserCode(String canonical) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT state, expires_at, name, os, os_user, public_key FROM pairing_request"
                        + " WHERE user_code_hash = :u")
                .bind("u", TokenHash.of(canonical))
                .map(
                    (rs, c) ->
                        new PendingRow(
                            rs.getString(1),
                            rs.getLong(2),
                            new HostInfo(
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6))))
                .findFirst());
  }

  /**
   * Approves or denies the pending request with {@code userCode} on behalf of {@code accountId}.
   * Returns false when the code is no longer pending (used, expired or unknown).
   */
  public boolean decide(String userCode, String accountId, boolean approve) {
    Optional<String> code = UserCode.normalize(userCode);
    if (code.isEmpty()) {
      return false;
    }
    int n =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE pairing_request SET state = :s, decided_by = :a"
                            + " WHERE user_code_hash = :u AND state = 'pending' AND expires_at > :now")
                    .bind("s", approve ? "approved" : "denied")
                    .bind("a", accountId)
                    .bind("u", TokenHash.of(code.get()))
                    .bind("now", clock.millis())
                    .execute());
    return n == 1;
  }

  /**
   * Pairs a host without a code: used by {@code nome up} for the machine it runs on, in-process, on
   * behalf of the owner. Returns the device token (its only copy).
   */
  public Issued pairDirectly(String accountId, HostInfo info) {
    String token = TokenKind.DEVICE.generate();
    Host host = hosts.create(accountId, info, TokenHash.of(token));
    return new Issued(token, host);
  }

  /** A device token and the host it was issued to. */
  public record Issued(String deviceToken, Host host) {}
}
