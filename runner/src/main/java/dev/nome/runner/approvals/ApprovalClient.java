package dev.nome.runner.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.Tier;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.runner.control.RevokedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Raises approval requests with the host's device token and waits for their decision.
 *
 * <p>Waiting listens to {@code /api/approvals/events}. When the stream breaks it reconnects with
 * {@code Last-Event-ID}, so no decision is missed, and on every (re)connect it also asks for the
 * request's state, so a decision made while it was away counts even if its event was not replayed.
 * Time is measured on this machine's monotonic clock from the moment the request was raised: once
 * the request's time to live plus {@link #DEFAULT_GRACE} has passed without a decision, the answer
 * is {@link ApprovalDecision.Outcome#LOST_CONTACT}, a denial. A revoked device token throws {@link
 * RevokedException}; the runner must stop, and nothing gated runs.
 */
public final class ApprovalClient {

  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  /** A stream without a byte for this long is presumed dead (the server pings every 15 s). */
  static final Duration SILENCE_LIMIT = Duration.ofSeconds(40);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI server;
  private final String deviceToken;
  private final HttpClient http;
  private final Duration grace;
  private final Duration reconnectDelay;

  public ApprovalClient(URI server, String deviceToken) {
    this(server, deviceToken, DEFAULT_GRACE, Duration.ofMillis(500));
  }

  public ApprovalClient(URI server, String deviceToken, Duration grace, Duration reconnectDelay) {
    this.server = server;
    this.deviceToken = deviceToken;
    this.grace = grace;
    this.reconnectDelay = reconnectDelay;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** What to ask. {@code action} and {@code reason} must already be scrubbed. */
  public record Ask(
      Optional<String> workItemId,
      String runId,
      String tool,
      Tier tier,
      ScrubbedText action,
      ScrubbedText reason,
      Duration ttl) {}

  /**
   * A raised request. {@code deadlineNanos} is on {@link System#nanoTime()}: raise time plus the
   * time to live plus the grace.
   */
  public record Raised(String id, long eventId, long deadlineNanos) {}

  public Raised raise(Ask ask) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    ask.workItemId().ifPresent(w -> body.put("work_item_id", w));
    body.put("run_id", ask.runId());
    body.put("tool", ask.tool());
    body.put("tier", ask.tier().label());
    body.put("action", ask.action().value());
    body.put("reason", ask.reason().value());
    body.put("expires_in_seconds", Math.max(1, ask.ttl().toSeconds()));
    long start = System.nanoTime();
    HttpResponse<String> res =
        send(
            request("/api/approvals")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    JsonNode answer = JSON.readTree(res.body());
    return new Raised(
        answer.at("/request/id").asText(),
        answer.path("event_id").asLong(),
        start + ask.ttl().toNanos() + grace.toNanos());
  }

  /** Raises {@code ask} and waits for its decision. */
  public ApprovalDecision raiseAndAwait(Ask ask) throws IOException, InterruptedException {
    return await(raise(ask));
  }

  /** Waits for the decision on {@code raised}, reconnecting as needed; see the class comment. */
  public ApprovalDecision await(Raised raised) throws IOException, InterruptedException {
    long lastEventId = raised.eventId();
    while (true) {
      long left = raised.deadlineNanos() - System.nanoTime();
      if (left <= 0) {
        return lost(raised);
      }
      Stream stream = null;
      try {
        stream = open(lastEventId);
        Optional<ApprovalDecision> known = current(raised.id());
        if (known.isPresent()) {
          return known.get();
        }
        while (true) {
          left = raised.deadlineNanos() - System.nanoTime();
          if (left <= 0) {
            return lost(raised);
          }
          long wait = Math.min(left, SILENCE_LIMIT.toNanos());
          Object next = stream.queue.poll(wait, TimeUnit.NANOSECONDS);
          if (next == null && left > SILENCE_LIMIT.toNanos()) {
            break; // silent too long: reconnect
          }
          if (next == null || next == Stream.END) {
            break;
          }
          if (next instanceof ServerEvent e) {
            if (e.id() != null) {
              lastEventId = parseId(e.id(), lastEventId);
            }
            Optional<ApprovalDecision> d = decisionIn(raised.id(), e.data());
            if (d.isPresent()) {
              return d.get();
            }
          }
        }
      } catch (RevokedException e) {
        throw e;
      } catch (IOException e) {
        // lost contact: try again until the deadline
      } finally {
        if (stream != null) {
          stream.close();
        }
      }
      long pause = Math.min(reconnectDelay.toNanos(), raised.deadlineNanos() - System.nanoTime());
      if (pause > 0) {
        TimeUnit.NANOSECONDS.sleep(pause); // back-off between reconnects
      }
    }
  }

  /** Withdraws a pending request (the run no longer needs it). */
  public void cancel(String id) throws IOException, InterruptedException {
    HttpResponse<String> res =
        http.send(
            request("/api/approvals/" + id + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 401) {
      throw new RevokedException();
    }
  }

  private static ApprovalDecision lost(Raised raised) {
    return new ApprovalDecision(
        raised.id(), ApprovalDecision.Outcome.LOST_CONTACT, Optional.empty(), Optional.empty());
  }

  private static long parseId(String id, long fallback) {
    try {
      return Long.parseLong(id.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The request's state from the server, if it is already decided. */
  private Optional<ApprovalDecision> current(String id) throws IOException, InterruptedException {
    HttpResponse<String> res = send(request("/api/approvals/" + id).GET());
    return decisionOf(JSON.readTree(res.body()).path("request"));
  }

  static Optional<ApprovalDecision> decisionIn(String requestId, String data) {
    try {
      JsonNode request = JSON.readTree(data).path("request");
      if (!requestId.equals(request.path("id").asText())) {
        return Optional.empty();
      }
      return decisionOf(request);
    } catch (IOException e) {
      return Optional.empty(); // not ours to judge; the state check on reconnect still applies
    }
  }

  private static Optional<ApprovalDecision> decisionOf(JsonNode request) {
    return ApprovalDecision.Outcome.ofState(request.path("state").asText())
        .map(
            o ->
                new ApprovalDecision(
                    request.path("id").asText(),
                    o,
                    text(request, "decided_by"),
                    text(request, "comment")));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** An open event stream whose events a reader thread puts into {@code queue}. */
  private static final class Stream implements AutoCloseable {
    static final Object END = new Object();
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    final InputStream body;

    Stream(InputStream body) {
      this.body = body;
      Thread.ofVirtual()
          .name("nome-approval-stream")
          .start(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                  SseReader.read(in, queue::add, () -> queue.add("comment"));
                } catch (IOException e) {
                  // the stream broke; END below makes the waiter reconnect
                } finally {
                  queue.add(END);
                }
              });
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private Stream open(long lastEventId) throws IOException, InterruptedException {
    HttpResponse<InputStream> res =
        http.send(
            HttpRequest.newBuilder(server.resolve("/api/approvals/events"))
                .header("Authorization", "Bearer " + deviceToken)
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(lastEventId))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (res.statusCode() == 401) {
      res.body().close();
      throw new RevokedException();
    }
    if (res.statusCode() != 200) {
      res.body().close();
      throw new IOException("the approval stream answered " + res.statusCode());
    }
    return new Stream(res.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + deviceToken);
  }

  private HttpResponse<String> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 401) {
      throw new RevokedException();
    }
    if (res.statusCode() >= 300) {
      String message;
      try {
        message = JSON.readTree(res.body()).at("/error/message").asText("");
      } catch (IOException e) {
        message = "";
      }
      throw new IOException(
          "the control plane answered "
              + res.statusCode()
              + (message.isEmpty() ? "" : ": " + message));
    }
    return res;
  }
}
