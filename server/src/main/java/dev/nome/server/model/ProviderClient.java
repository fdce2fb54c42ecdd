package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one provider endpoint with bounded retries: 429, 5xx, 529, timeouts and broken streams are
 * retried after {@code baseDelay * 2^n} (or the provider's {@code retry-after}, whichever is
 * longer) up to {@code maxRetries} times; everything else fails at once. Always the same key, model
 * and endpoint (P11).
 */
final class ProviderClient {

  private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpClient http;
  private final ModelProxySettings settings;

  /** One daemon thread for every instance's watchdogs: they only close stuck streams. */
  private static final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nome-model-proxy-timer");
            t.setDaemon(true);
            return t;
          });

  ProviderClient(ModelProxySettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.idleTimeout())
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect must never carry the key on
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** One logical call, with its retries; {@code onRetry} gets the status that caused each. */
  ModelAnswer call(
      ProviderWire wire,
      URI baseUrl,
      String key,
      ModelCall call,
      String model,
      boolean stream,
      KeyRedactor redactor,
      String label,
      IntConsumer onRetry)
      throws ProviderFailure, InterruptedException {
    byte[] body = wire.body(call, model, stream).toString().getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; ; attempt++) {
      try {
        return once(wire, baseUrl, key, body, model, stream, redactor);
      } catch (ProviderFailure f) {
        if (!f.kind().retryable() || attempt >= settings.maxRetries()) {
          throw f;
        }
        Duration backoff = backoff(attempt);
        Duration wait = f.retryAfter().filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
        if (wait.compareTo(settings.maxWait()) > 0) {
          // The provider asks for longer than this server waits: stop now, not after the wait.
          throw f;
        }
        log.info(
            "model proxy: {} answered {} ({}); retry {} of {} in {} ms",
            label,
            f.status() == 0 ? "no status" : f.status(),
            f.kind(),
            attempt + 1,
            settings.maxRetries(),
            wait.toMillis());
        onRetry.accept(f.status());
        Thread.sleep(wait);
      }
    }
  }

  private Duration backoff(int attempt) {
    Duration d = settings.baseDelay().multipliedBy(1L << Math.min(attempt, 20));
    return d.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : d;
  }

  private ModelAnswer once(
      ProviderWire wire,
      URI baseUrl,
      String key,
      byte[] body,
      String model,
      boolean stream,
      KeyRedactor redactor)
      throws ProviderFailure, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(wire.endpoint(baseUrl))
            // A stream's headers come at once; a whole answer's only when it is complete.
            .timeout(stream ? settings.idleTimeout() : settings.totalTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", stream ? "text/event-stream" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    wire.authenticate(b, key);
    HttpResponse<InputStream> res;
    try {
      res = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw unavailable("the provider did not answer in time");
    } catch (IOException e) {
      // The exception's text can name the URL but never the key; still, only its kind is kept.
      throw unavailable("the provider cannot be reached (" + e.getClass().getSimpleName() + ")");
    }
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    long started = System.nanoTime();
    AtomicBoolean expired = new AtomicBoolean();
    long period = Math.max(5, settings.idleTimeout().toMillis() / 4);
    ScheduledFuture<?> watchdog =
        timer.scheduleAtFixedRate(
            () -> {
              long now = System.nanoTime();
              if (now - lastActivity.get() > settings.idleTimeout().toNanos()
                  || now - started > settings.totalTimeout().toNanos()) {
                expired.set(true);
                try {
                  res.body().close();
                } catch (IOException ignored) {
                  // closing is how a stuck read is ended; nothing more to do
                }
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
    try (InputStream in = res.body()) {
      int status = res.statusCode();
      if (status != 200) {
        JsonNode error = errorOf(in);
        throw new ProviderFailure(
            kindOf(status, error),
            status,
            retryAfter(res),
            "the provider answered "
                + status
                + summaryPart(redactor.summary(error.path("message").asText(""))));
      }
      if (stream) {
        return wire.readStream(in, () -> lastActivity.set(System.nanoTime()), model);
      }
      JsonNode root = NeutralJson.MAPPER.readTree(in);
      if (root == null) {
        throw ProviderWire.broken("the provider's answer is empty");
      }
      return wire.readJson(root, model);
    } catch (IOException e) {
      throw unavailable(
          expired.get()
              ? "the provider stopped sending before the answer was complete (timeout)"
              : "the provider's answer broke off (" + e.getClass().getSimpleName() + ")");
    } finally {
      watchdog.cancel(false);
    }
  }

  private static String summaryPart(String s) {
    return s.isEmpty() ? "" : ": " + s;
  }

  private static ProviderFailure unavailable(String what) {
    return new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, 0, Optional.empty(), what);
  }

  /**
   * The {@code error} object of an error body (Anthropic, OpenAI and Google all have one, Google's
   * OpenAI-compatible endpoint inside an array), else a missing node.
   */
  private static JsonNode errorOf(InputStream in) throws IOException {
    byte[] raw = in.readNBytes(MAX_ERROR_BODY);
    try {
      JsonNode n = NeutralJson.MAPPER.readTree(raw);
      if (n != null && n.isArray()) {
        n = n.path(0);
      }
      return n == null ? NeutralJson.MAPPER.missingNode() : n.path("error");
    } catch (IOException e) {
      return NeutralJson.MAPPER.missingNode();
    }
  }

  /** The status's kind, except that Google answers a key it does not accept with a 400. */
  static ProviderFailure.Kind kindOf(int status, JsonNode error) {
    if (status == 400) {
      for (JsonNode d : error.path("details")) {
        if ("API_KEY_INVALID".equals(d.path("reason").asText())) {
          return ProviderFailure.Kind.AUTH;
        }
      }
      if ("UNAUTHENTICATED".equals(error.path("status").asText())) {
        return ProviderFailure.Kind.AUTH;
      }
    }
    return ProviderFailure.kindOf(status);
  }

  /** {@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> res) {
    Optional<String> ms = res.headers().firstValue("retry-after-ms");
    if (ms.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().strip())));
      } catch (NumberFormatException e) {
        // fall back to retry-after
      }
    }
    Optional<String> v = res.headers().firstValue("retry-after");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().strip();
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(s) * 1000)));
    } catch (NumberFormatException e) {
      try {
        Duration d =
            Duration.between(
                ZonedDateTime.now(), ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME));
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (java.time.format.DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}
