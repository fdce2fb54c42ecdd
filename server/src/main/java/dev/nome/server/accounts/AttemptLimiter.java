package dev.nome.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed attempts per key (an account name, a client address) in a sliding window and locks
 * the key out for a while after too many. Kept in memory: with several instances each counts its
 * own share, which still bounds guessing per instance.
 */
public final class AttemptLimiter {

  private final int maxFailures;
  private final Duration window;
  private final Duration lockout;
  private final Clock clock;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  private static final class State {
    final Deque<Long> failures = new ArrayDeque<>();
    long lockedUntil;
  }

  public AttemptLimiter(int maxFailures, Duration window, Duration lockout, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** True when {@code key} may try now. */
  public boolean allowed(String key) {
    State s = states.get(key);
    if (s == null) {
      return true;
    }
    synchronized (s) {
      return clock.millis() >= s.lockedUntil;
    }
  }

  /** Records a failure; returns true when this failure locked the key out. */
  public boolean fail(String key) {
    long now = clock.millis();
    State s = states.computeIfAbsent(key, k -> new State());
    synchronized (s) {
      while (!s.failures.isEmpty() && s.failures.peekFirst() < now - window.toMillis()) {
        s.failures.removeFirst();
      }
      s.failures.addLast(now);
      if (s.failures.size() >= maxFailures) {
        s.lockedUntil = now + lockout.toMillis();
        s.failures.clear();
        return true;
      }
      return false;
    }
  }

  public void succeed(String key) {
    states.remove(key);
  }
}
