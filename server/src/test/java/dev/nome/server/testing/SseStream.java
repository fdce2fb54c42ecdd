package dev.nome.server.testing;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events reader for tests: events land in a queue as they arrive. */
public final class SseStream implements AutoCloseable {

  /** One event; {@code at} is when it was read (System.nanoTime). */
  public record Event(String id, String type, String data, long at) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CountDownLatch connected = new CountDownLatch(1);
  private final Thread reader;
  private volatile InputStream body;
  private volatile int status;

  private SseStream(HttpRequest request) {
    reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    HttpResponse<InputStream> res =
                        HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    status = res.statusCode();
                    body = res.body();
                    read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
                  } catch (Exception e) {
                    // closed by the test or the server
                  } finally {
                    connected.countDown();
                  }
                });
  }

  /** Opens {@code path} with the given headers and waits until the server said it is connected. */
  public static SseStream open(URI base, String path, Map<String, String> headers)
      throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").GET();
    headers.forEach(b::header);
    SseStream s = new SseStream(b.build());
    if (!s.connected.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the event stream did not connect");
    }
    return s;
  }

  public static SseStream bearer(URI base, String token, String lastEventId)
      throws InterruptedException {
    return lastEventId == null
        ? open(base, "/api/approvals/events", Map.of("Authorization", "Bearer " + token))
        : open(
            base,
            "/api/approvals/events",
            Map.of("Authorization", "Bearer " + token, "Last-Event-ID", lastEventId));
  }

  private void read(BufferedReader in) throws java.io.IOException {
    String id = null;
    String type = "message";
    StringBuilder data = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          events.add(new Event(id, type, data.toString(), System.nanoTime()));
        }
        id = null;
        type = "message";
        data.setLength(0);
      } else if (line.startsWith(":")) {
        connected.countDown(); // the server's "connected" comment
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      } else if (line.startsWith("event:")) {
        type = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).strip());
      }
    }
  }

  public int status() {
    return status;
  }

  /** The next event, waiting up to {@code timeout}; fails the test when none comes. */
  public Event next(Duration timeout) throws InterruptedException {
    Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("no event within " + timeout);
    }
    return e;
  }

  public Event next() throws InterruptedException {
    return next(Duration.ofSeconds(10));
  }

  /** The next event, or null when none comes within {@code timeout}. */
  public Event poll(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True once the server has closed the stream. */
  public boolean awaitClosed(Duration timeout) throws InterruptedException {
    reader.join(timeout);
    return !reader.isAlive();
  }

  @Override
  public void close() {
    try {
      if (body != null) {
        body.close();
      }
    } catch (java.io.IOException e) {
      // closing anyway
    }
    reader.interrupt();
  }
}
