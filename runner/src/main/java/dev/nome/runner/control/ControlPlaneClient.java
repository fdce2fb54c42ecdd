package dev.nome.runner.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The runner's authenticated calls to its control plane, with the device token as a bearer
 * credential. A 401 is always a {@link RevokedException}: the runner must stop.
 */
public final class ControlPlaneClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI server;
  private final String deviceToken;
  private final HttpClient http;

  public ControlPlaneClient(URI server, String deviceToken) {
    this.server = server;
    this.deviceToken = deviceToken;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public URI server() {
    return server;
  }

  /** Who the server thinks this host is: {@code {host_id, name}}. */
  public JsonNode me() throws IOException, InterruptedException {
    return JSON.readTree(send(request("/api/hosts/me").GET()).body());
  }

  /** Sends the provider CLI states (JSON as built by the seats package). */
  public void reportSeats(String json) throws IOException, InterruptedException {
    send(
        request("/api/hosts/me/seats")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Revokes this host's own pairing. */
  public void unpair() throws IOException, InterruptedException {
    send(request("/api/hosts/me").DELETE());
  }

  /**
   * Holds the host's event stream open and hands each event (name, data) to {@code onEvent} until
   * the server closes it. Returns normally when the stream ends; a refused token throws.
   */
  public void events(BiConsumer<String, String> onEvent) throws IOException, InterruptedException {
    HttpResponse<java.io.InputStream> res =
        http.send(
            HttpRequest.newBuilder(server.resolve("/api/hosts/me/events"))
                .header("Authorization", "Bearer " + deviceToken)
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (res.statusCode() == 401) {
      res.body().close();
      throw new RevokedException();
    }
    if (res.statusCode() != 200) {
      res.body().close();
      throw new IOException("the event stream answered " + res.statusCode());
    }
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      String event = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            onEvent.accept(event, data.toString());
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    }
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
      throw new IOException(
          "the control plane answered " + res.statusCode() + ": " + errorMessage(res.body()));
    }
    return res;
  }

  static String errorMessage(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      String m = n.at("/error/message").asText("");
      return m.isEmpty() ? "(no message)" : m;
    } catch (IOException e) {
      return "(no message)";
    }
  }
}
