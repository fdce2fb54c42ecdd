package dev.nome.server.approvals;

import io.javalin.http.sse.SseClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Request;
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
 *
 * <p>Handing an event to a stream only appends its bytes (made once per event) to the stream's
 * queue; the stream's own writer sends them, so the dispatcher never waits for a socket, one slow
 * client delays no one else, and each stream still gets its events in id order. A stream that falls
 * too far behind is cut off and resumes with {@code Last-Event-ID}, which costs the client a replay
 * instead of costing the server unbounded memory.
 */
public final class ApprovalHub implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApprovalHub.class);
  private static final int BATCH = 500;
  private static final int MAX_REPLAY = 10_000;

  /**
   * Unwritten bytes a stream may have before it counts as not keeping up and is cut off: hundreds
   * of ordinary events (well under 1 KiB each), at least 16 of the largest; a healthy client drains
   * far less than this between events.
   */
  static final int MAX_QUEUED_BYTES = 256 * 1024;

  private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

  private final ApprovalStore store;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final ExecutorService dispatcher =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "nome-approval-dispatch");
            t.setDaemon(true);
            return t;
          });

  /**
   * Each stream's writes run on a virtual thread of their own while it has frames queued: a write
   * blocked on one slow client holds nothing but that stream, and the CPU work of writing 1,000
   * streams is spread over every core without a pool to size.
   */
  private final ExecutorService writers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("nome-approval-write").factory());

  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile long dispatched;
  private volatile boolean closed;

  public ApprovalHub(ApprovalStore store) {
    this.store = store;
    this.dispatched = store.lastEventId();
  }

  /**
   * One open stream. Its lock orders replay before live delivery and guards its outbound queue; the
   * socket writes happen outside the lock, on the stream's own writer, so handing an event to a
   * stream never waits for the network.
   */
  public static final class Subscriber {
    private final Audience audience;
    private final SseClient client;
    private final Executor writers;
    private final List<ApprovalEvent> held = new ArrayList<>();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean replaying = true;
    private boolean writing;
    private int heldBytes;
    private volatile boolean dropped;
    private long lastQueued;

    Subscriber(Audience audience, SseClient client, Executor writers) {
      this.audience = audience;
      this.client = client;
      this.writers = writers;
    }

    public Audience audience() {
      return audience;
    }

    synchronized void deliver(ApprovalEvent e, byte[] frame) {
      if (dropped) {
        return;
      }
      if (replaying) {
        heldBytes += frame.length;
        if (heldBytes > MAX_QUEUED_BYTES) {
          drop(); // not keeping up with its own replay
        } else {
          held.add(e);
        }
      } else {
        queueIfNew(e, frame);
      }
    }

    /**
     * Writes the missed events on the calling (request) thread, without the lock, so live events
     * for this stream are held meanwhile instead of waiting for it; then queues the held ones it
     * has not had yet. Until then no writer runs for this stream, so writes never overlap.
     */
    void finishReplay(long after, List<ApprovalEvent> missed) {
      long sent = after;
      try {
        var out = client.ctx().res().getOutputStream();
        for (ApprovalEvent e : missed) {
          if (dropped) {
            return;
          }
          out.write(frame(e));
          sent = e.id();
        }
        out.flush();
      } catch (java.io.IOException | RuntimeException ex) {
        synchronized (this) {
          drop();
        }
        return;
      }
      synchronized (this) {
        lastQueued = sent;
        replaying = false;
        held.forEach(e -> queueIfNew(e, frame(e)));
        held.clear();
        heldBytes = 0;
      }
    }

    /** A comment that makes dead connections fail; a stream still replaying is fresh anyway. */
    synchronized void ping() {
      if (!replaying) {
        enqueue(PING);
      }
    }

    /** Queues each event once and in id order (replay and live delivery can overlap). */
    private void queueIfNew(ApprovalEvent e, byte[] frame) {
      if (e.id() > lastQueued) {
        lastQueued = e.id();
        enqueue(frame);
      }
    }

    /**
     * Adds a frame and starts the writer if it is idle. A stream that has more than {@link
     * #MAX_QUEUED_BYTES} unwritten is not keeping up: it is cut off rather than buffered without
     * bound or allowed to hold anyone up, and its client resumes with {@code Last-Event-ID}.
     */
    private void enqueue(byte[] frame) {
      if (dropped) {
        return;
      }
      if (queuedBytes + frame.length > MAX_QUEUED_BYTES) {
        drop();
        return;
      }
      queue.add(frame);
      queuedBytes += frame.length;
      if (!writing) {
        writing = true;
        try {
          writers.execute(this::write);
        } catch (RejectedExecutionException ex) {
          drop(); // the hub is closing
        }
      }
    }

    /** Writes what is queued, all of it with one flush, until the queue is empty. */
    private void write() {
      while (true) {
        byte[][] frames;
        synchronized (this) {
          if (queue.isEmpty() || dropped) {
            writing = false;
            return;
          }
          frames = queue.toArray(new byte[0][]);
          queue.clear();
          queuedBytes = 0;
        }
        try {
          var out = client.ctx().res().getOutputStream();
          for (byte[] f : frames) {
            out.write(f);
          }
          out.flush();
        } catch (java.io.IOException | RuntimeException ex) {
          synchronized (this) {
            drop();
            writing = false;
          }
          return;
        }
      }
    }

    /** Cuts the connection: also ends a write blocked on a client that stopped reading. */
    private void drop() {
      dropped = true;
      queue.clear();
      queuedBytes = 0;
      abort(client);
      client.close();
    }

    void close() {
      synchronized (this) {
        dropped = true;
        queue.clear();
        queuedBytes = 0;
      }
      client.close();
    }
  }

  /** Closes the connection under the stream at once, whatever state its response is in. */
  private static void abort(SseClient client) {
    try {
      Request base = Request.getBaseRequest(client.ctx().req());
      if (base != null) {
        base.getHttpChannel().abort(new java.io.IOException("approval stream not keeping up"));
      }
    } catch (RuntimeException e) {
      // already gone
    }
  }

  /**
   * Holds {@code client} open for {@code audience}. With {@code lastEventId} it first replays every
   * event after that id; without, it starts with what happens from now on.
   */
  public Subscriber subscribe(Audience audience, SseClient client, Long lastEventId) {
    Subscriber s = new Subscriber(audience, client, writers);
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
   * Hands one event to every target before the next event: each stream's queue gets events in id
   * order. Handing over only queues the frame, so the dispatcher never waits for a socket.
   */
  private static void deliverAll(List<Subscriber> targets, ApprovalEvent e) {
    byte[] frame = frame(e);
    targets.forEach(s -> deliverOne(s, e, frame));
  }

  /** The event as Server-Sent Events text; the data is one line of JSON. */
  static byte[] frame(ApprovalEvent e) {
    return ("id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + e.data() + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
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
    writers.shutdownNow();
    for (Subscriber s : List.copyOf(subscribers)) {
      s.close();
    }
    subscribers.clear();
  }
}
