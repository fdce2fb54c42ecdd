package dev.nome.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a username and password, with rate limiting per account name and per client address: after
 * 5 failures within 15 minutes the name (or address) is locked out for 15 minutes. An unknown name
 * costs the same Argon2id work as a known one, so timing does not reveal accounts.
 */
public final class SignIn {

  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);

  /** The outcome of one attempt. */
  public sealed interface Result {
    record Ok(Account account) implements Result {}

    record Wrong() implements Result {}

    record LockedOut() implements Result {}
  }

  private static final String DUMMY_HASH = PasswordHasher.hash("not a real password at all");

  private final AccountStore accounts;
  private final AttemptLimiter byName;
  private final AttemptLimiter byAddress;

  public SignIn(AccountStore accounts, Clock clock) {
    this.accounts = accounts;
    this.byName = new AttemptLimiter(MAX_FAILURES, WINDOW, LOCKOUT, clock);
    this.byAddress = new AttemptLimiter(MAX_FAILURES * 4, WINDOW, LOCKOUT, clock);
  }

  public Result attempt(String username, String password, String clientAddress) {
    String name = username == null ? "" : username.strip();
    if (!byName.allowed(name) || !byAddress.allowed(clientAddress)) {
      return new Result.LockedOut();
    }
    Optional<String> hash = accounts.passwordHash(name);
    boolean ok =
        PasswordHasher.verify(password == null ? "" : password, hash.orElse(DUMMY_HASH))
            && hash.isPresent();
    if (!ok) {
      boolean locked = byName.fail(name) | byAddress.fail(clientAddress);
      return locked ? new Result.LockedOut() : new Result.Wrong();
    }
    byName.succeed(name);
    return accounts.byUsername(name).<Result>map(Result.Ok::new).orElse(new Result.Wrong());
  }
}
