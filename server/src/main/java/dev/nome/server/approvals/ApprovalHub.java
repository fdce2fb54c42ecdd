package dev.nome.server.approvals;

import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's open approval event streams and the fan-out to them.
 *
 * <p>Events are never handed from the writer to the streams directly: a {@link #poke} (after a
 * local commit, on a PostgreSQL {@code NOTIFY} from any instance, or by the periodic safety poll)
 * makes one dispatcher thread read the events committed after the last one it dispatched, in id
 * order, and send each to the streams allowed to see it. One reader per instance, whatever the
 * number of streams; and since event ids grow in commit order, reading "after the last id" misses
 * nothing.
 *
 * <p>A new stream first replays what it missed (after its {@code Last-Event-ID}) while live events
 * for it are held back, then gets the held-back events it has not seen yet, so it neither misses
 * nor repeats one across the switch.
 */
public final class ApprovalHub implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApprovalHub.class);
  private static final int BATCH = 500;
  private static final int MAX_REPLAY = 10_000;

  private final ApprovalStore store;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final ExecutorService dispatcher =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "nome-approval-dispatch");
            t.setDaemon(true);
            return t;
          });

  /** Writes to many streams in parallel: each write blocks on its socket, so they overlap. */
  private static final int FANOUT_THREADS =
      Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

  private static final int SEQUENTIAL_UP_TO = 32;

  private final ExecutorService fanout =
      Executors.newFixedThreadPool(
          FANOUT_THREADS,
          r -> {
            Thread t = new Thread(r, "nome-approval-fanout");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile long dispatched;
  private volatile boolean closed;

  public ApprovalHub(ApprovalStore store) {
    this.store = store;
    this.dispatched = store.lastEventId();
  }

  /** One open stream. Its lock orders replay before live delivery. */
  public static final class Subscriber {
    private final Audience audience;
    private final SseClient client;
    private final List<ApprovalEvent> held = new ArrayList<>();
    private boolean replaying = true;
    private long lastSent;

    Subscriber(Audience audience, SseClient client) {
      this.audience = audience;
      this.client = client;
    }

    public Audience audience() {
      return audience;
    }

    synchronized void deliver(ApprovalEvent e, byte[] frame) {
      if (replaying) {
        held.add(e);
      } else {
        sendIfNew(e, frame);
      }
    }

    /** Writes the event as one ready-made frame and flushes: one write per stream and event. */
    private void sendIfNew(ApprovalEvent e, byte[] frame) {
      if (e.id() > lastSent && !client.terminated()) {
        try {
          var out = client.ctx().res().getOutputStream();
          out.write(frame);
          out.flush();
        } catch (java.io.IOException | RuntimeException ex) {
          client.close();
          return;
        }
        lastSent = e.id();
      }
    }

    synchronized void finishReplay(long after, List<ApprovalEvent> missed) {
      lastSent = after;
      missed.forEach(e -> sendIfNew(e, frame(e)));
      held.forEach(e -> sendIfNew(e, frame(e)));
      held.clear();
      replaying = false;
    }

    synchronized void ping() {
      if (!client.terminated()) {
        client.sendComment("ping");
      }
    }

    void close() {
      client.close();
    }
  }

  /**
   * Holds {@code client} open for {@code audience}. With {@code lastEventId} it first replays every
   * event after that id; without, it starts with what happens from now on.
   */
  public Subscriber subscribe(Audience audience, SseClient client, Long lastEventId) {
    Subscriber s = new Subscriber(audience, client);
    subscribers.add(s); // before reading "now": an event committed in between is held, not lost
    client.onClose(() -> subscribers.remove(s));
    long after = lastEventId == null ? store.lastEventId() : Math.max(0, lastEventId);
    // Tell the client it is connected; a comment is not an event, so Last-Event-ID is unchanged.
    client.sendComment("connected");
    List<ApprovalEvent> missed =
        lastEventId == null ? List.of() : store.eventsAfter(audience, after, MAX_REPLAY);
    s.finishReplay(after, missed);
    client.keepAlive();
    return s;
  }

  /** Schedules a dispatch of newly committed events; many pokes in a row make one dispatch. */
  public void poke() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        dispatcher.execute(this::dispatch);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        scheduled.set(false); // closing
      }
    }
  }

  private void dispatch() {
    scheduled.set(false);
    try {
      while (true) {
        List<ApprovalEvent> batch = store.eventsAfter(dispatched, BATCH);
        for (ApprovalEvent e : batch) {
          List<Subscriber> targets = new ArrayList<>();
          for (Subscriber sub : subscribers) {
            if (sub.audience.sees(e)) {
              targets.add(sub);
            }
          }
          deliverAll(targets, e);
          dispatched = e.id();
        }
        if (batch.size() < BATCH) {
          return;
        }
      }
    } catch (RuntimeException e) {
      if (!closed) {
        log.warn("approval events could not be dispatched; retrying on the next poke", e);
      }
    }
  }

  /**
   * Delivers one event to every target before the next event goes out, so each stream sees events
   * in id order. Many targets are split among the fan-out threads.
   */
  private void deliverAll(List<Subscriber> targets, ApprovalEvent e) {
    byte[] frame = frame(e);
    if (targets.size() <= SEQUENTIAL_UP_TO) {
      targets.forEach(s -> deliverOne(s, e, frame));
      return;
    }
    int chunk = (targets.size() + FANOUT_THREADS - 1) / FANOUT_THREADS;
    List<java.util.concurrent.Callable<Void>> jobs = new ArrayList<>();
    for (int from = 0; from < targets.size(); from += chunk) {
      List<Subscriber> part = targets.subList(from, Math.min(targets.size(), from + chunk));
      jobs.add(
          () -> {
            part.forEach(s -> deliverOne(s, e, frame));
            return null;
          });
    }
    try {
      fanout.invokeAll(jobs);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while delivering approval events", ex);
    }
  }

  /** The event as Server-Sent Events text; the data is one line of JSON. */
  static byte[] frame(ApprovalEvent e) {
    return ("id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + e.data() + "\n\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void deliverOne(Subscriber s, ApprovalEvent e, byte[] frame) {
    try {
      s.deliver(e, frame);
    } catch (RuntimeException ex) {
      s.close(); // a broken stream must not hold up the others
    }
  }

  /** Sends a comment to every stream, so that dead connections are noticed and dropped. */
  public void pingAll() {
    for (Subscriber s : subscribers) {
      try {
        s.ping();
      } catch (RuntimeException e) {
        s.close();
      }
    }
  }

  /** Closes the streams matching {@code which} (a revoked host's, for instance). */
  public void closeWhere(Predicate<Subscriber> which) {
    for (Subscriber s : List.copyOf(subscribers)) {
      if (which.test(s)) {
        subscribers.remove(s);
        s.close();
      }
    }
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  public long dispatchedUpTo() {
    return dispatched;
  }

  @Override
  public void close() {
    closed = true;
    dispatcher.shutdownNow();
    fanout.shutdownNow();
    for (Subscriber s : List.copyOf(subscribers)) {
      s.close();
    }
    subscribers.clear();
  }
}
