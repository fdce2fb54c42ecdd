package dev.nome.server.hosts;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Open event streams of hosts ({@code GET /api/hosts/me/events}). A revocation on this instance
 * closes the host's streams at once; a sweep every 500 ms re-checks each stream's host in the
 * database, so a revocation made on another instance sharing the database closes them within a
 * second too. Other parts (approvals, runs) send their events through {@link #send}.
 */
public final class HostEvents implements AutoCloseable {

  public static final long SWEEP_MS = 500;

  private final HostStore hosts;
  private final Map<String, List<SseClient>> streams = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nome-host-events");
            t.setDaemon(true);
            return t;
          });

  private final List<java.util.function.Consumer<String>> revocationListeners =
      new CopyOnWriteArrayList<>();

  public HostEvents(HostStore hosts) {
    this.hosts = hosts;
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
  }

  /** Holds {@code client} open for {@code hostId} until the host is revoked or the client goes. */
  public void open(String hostId, SseClient client) {
    List<SseClient> list = streams.computeIfAbsent(hostId, k -> new CopyOnWriteArrayList<>());
    list.add(client);
    client.onClose(() -> list.remove(client));
    client.sendEvent("hello", "{\"hostId\":\"" + hostId + "\"}");
    client.keepAlive();
  }

  /** Sends one event to every open stream of {@code hostId}. */
  public void send(String hostId, String event, String data) {
    for (SseClient c : streams.getOrDefault(hostId, List.of())) {
      if (!c.terminated()) {
        c.sendEvent(event, data);
      }
    }
  }

  /**
   * Calls {@code listener} with the host id whenever this instance learns of a revocation (the
   * approval queue cancels the host's pending requests).
   */
  public void onRevoked(java.util.function.Consumer<String> listener) {
    revocationListeners.add(listener);
  }

  /** Tells the host's streams it was revoked and closes them. */
  public void revoked(String hostId) {
    for (var listener : revocationListeners) {
      try {
        listener.accept(hostId);
      } catch (RuntimeException e) {
        // one listener failing must not keep the streams open; the approval sweeper retries
      }
    }
    List<SseClient> list = streams.remove(hostId);
    if (list == null) {
      return;
    }
    for (SseClient c : list) {
      try {
        c.sendEvent("revoked", "{\"hostId\":\"" + hostId + "\"}");
      } catch (RuntimeException e) {
        // the client may already be gone; closing below is what matters
      }
      c.close();
    }
  }

  public int openStreams(String hostId) {
    return streams.getOrDefault(hostId, List.of()).size();
  }

  private void sweep() {
    for (String hostId : List.copyOf(streams.keySet())) {
      try {
        if (!hosts.isActive(hostId)) {
          revoked(hostId);
        }
      } catch (RuntimeException e) {
        // Fail closed: if we cannot tell whether the host is still allowed, close its streams.
        revoked(hostId);
      }
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    for (String hostId : List.copyOf(streams.keySet())) {
      List<SseClient> list = streams.remove(hostId);
      if (list != null) {
        list.forEach(SseClient::close);
      }
    }
  }
}
