package dev.nome.runner.receipts;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the runner knows about its control plane right now: reachable, unreachable (the policy's
 * {@code offline} rules apply to new calls, receipts queue), or refusing this host's token
 * (revoked: runs stop). Every contact updates it: receipt uploads, approval requests, probes.
 * Revoked is final.
 */
public final class ControlPlaneLink {

  /** The three states; only {@link #ONLINE} lets approvals be asked for. */
  public enum State {
    ONLINE,
    OFFLINE,
    REVOKED
  }

  /** One authenticated request to the control plane that updates the link with its answer. */
  @FunctionalInterface
  public interface Probe {
    void probe(ControlPlaneLink link) throws InterruptedException;
  }

  private State state = State.ONLINE;
  private long lastContactNanos = System.nanoTime();
  private volatile Probe probe;
  private final java.util.List<Runnable> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> revoked = new CompletableFuture<>();

  /**
   * Runs {@code listener} after every change of state (outside this object's lock, so a listener
   * may take its own locks and call back here).
   */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    for (Runnable r : listeners) {
      r.run();
    }
  }

  /** How {@link #onlineNow} asks when the last contact is too old. */
  public void probeWith(Probe p) {
    this.probe = p;
  }

  /**
   * Whether the control plane can be reached now: yes without asking when it answered within {@code
   * freshness}, else asks it (when a probe is set). A revoked host is never online.
   */
  public boolean onlineNow(java.time.Duration freshness) throws InterruptedException {
    Probe p;
    synchronized (this) {
      if (state == State.REVOKED) {
        return false;
      }
      if (state == State.ONLINE && System.nanoTime() - lastContactNanos < freshness.toNanos()) {
        return true;
      }
      p = probe;
    }
    if (p != null) {
      p.probe(this);
    }
    return online();
  }

  public synchronized State state() {
    return state;
  }

  public synchronized boolean online() {
    return state == State.ONLINE;
  }

  public synchronized boolean isRevoked() {
    return state == State.REVOKED;
  }

  /** A request got an answer. */
  public void up() {
    boolean change;
    synchronized (this) {
      change = state == State.OFFLINE;
      if (state != State.REVOKED) {
        state = State.ONLINE;
        lastContactNanos = System.nanoTime();
        notifyAll();
      }
    }
    if (change) {
      changed();
    }
  }

  /** A request got no answer (network error, timeout, 5xx). */
  public void down() {
    boolean change;
    synchronized (this) {
      change = state == State.ONLINE;
      if (change) {
        state = State.OFFLINE;
        notifyAll();
      }
    }
    if (change) {
      changed();
    }
  }

  /** The control plane refused this host's device token. */
  public void revoke() {
    boolean change;
    synchronized (this) {
      change = state != State.REVOKED;
      state = State.REVOKED;
      notifyAll();
    }
    revoked.complete(null);
    if (change) {
      changed();
    }
  }

  /** Completes when the host is found revoked. */
  public CompletableFuture<Void> whenRevoked() {
    return revoked;
  }

  /**
   * Waits until the control plane is reachable again.
   *
   * @return true when it is; false on timeout or revocation
   */
  public synchronized boolean awaitOnline(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (state == State.OFFLINE) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return state == State.ONLINE;
  }

  /** Waits until the state is no longer {@code from}; returns the state then. */
  public synchronized State awaitChange(State from, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (state == from) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return state;
  }
}
