package dev.nome.runner.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.route.StopReason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A BYOK run's model, reached through the control plane's model proxy ({@code POST
 * /api/runs/{id}/model} with the device token): the host never holds the provider key (P2). Every
 * failure is a {@link ModelException} with the run's stop reason: the proxy's own codes ({@code
 * provider-auth-failed}, {@code provider-rate-limited}, {@code provider-unavailable}, {@code
 * key-removed}, {@code key-missing}, {@code model-unavailable}) as they come; a refused device
 * token is {@code host-revoked}; no answer (connection, timeout, a gateway in front of the control
 * plane) is {@code control-plane-unreachable}; anything else is {@code internal-error}. It never
 * retries: the proxy already did, within the same route.
 */
public final class ProxyModelClient implements ModelClient {

  /** Longer than the proxy's worst case (its retries and waits included). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(45);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String deviceToken;
  private final Duration timeout;
  private final HttpClient http;

  public ProxyModelClient(URI server, String deviceToken, String runId) {
    this(server, deviceToken, runId, DEFAULT_TIMEOUT);
  }

  public ProxyModelClient(URI server, String deviceToken, String runId, Duration timeout) {
    Objects.requireNonNull(runId, "runId");
    if (!runId.matches("[A-Za-z0-9._:-]{1,128}")) {
      throw new IllegalArgumentException("not a run id");
    }
    this.endpoint = server.resolve("/api/runs/" + runId + "/model");
    this.deviceToken = Objects.requireNonNull(deviceToken, "deviceToken");
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public ModelReply send(ModelRequest request) throws ModelException, InterruptedException {
    HttpResponse<String> res;
    try {
      res =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(timeout)
                  .header("Authorization", "Bearer " + deviceToken)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          body(request).toString(), StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ModelException(
          StopReason.CONTROL_PLANE_UNREACHABLE,
          "the control plane's model proxy cannot be reached ("
              + e.getClass().getSimpleName()
              + ")");
    }
    int status = res.statusCode();
    if (status == 200) {
      try {
        return reply(JSON.readTree(res.body()));
      } catch (IOException | RuntimeException e) {
        throw new ModelException(
            StopReason.INTERNAL_ERROR, "the model proxy's answer could not be read");
      }
    }
    throw failure(status, res.body());
  }

  static ModelException failure(int status, String body) {
    String code = "";
    String message = "";
    try {
      JsonNode n = JSON.readTree(body);
      code = n.at("/error/code").asText("");
      message = n.at("/error/message").asText("");
    } catch (IOException | RuntimeException e) {
      // not our error shape: decided by the status below
    }
    Optional<StopReason> reason = StopReason.parse(code);
    if (reason.isPresent()) {
      return new ModelException(reason.get(), message.isEmpty() ? code : message);
    }
    if (status == 401) {
      return new ModelException(
          StopReason.HOST_REVOKED, "the control plane refused this host's device token");
    }
    if (status == 502 || status == 503 || status == 504) {
      return new ModelException(
          StopReason.CONTROL_PLANE_UNREACHABLE,
          "the control plane did not answer (HTTP " + status + ")");
    }
    return new ModelException(
        StopReason.INTERNAL_ERROR,
        "the model proxy refused the call (HTTP "
            + status
            + (message.isEmpty() ? ")" : "): " + message));
  }

  static ObjectNode body(ModelRequest r) {
    ObjectNode b = JSON.createObjectNode();
    r.model().ifPresent(m -> b.put("model", m));
    b.put("system", r.system());
    b.put("maxTokens", r.maxTokens());
    ArrayNode tools = b.putArray("tools");
    for (ToolSpec t : r.tools()) {
      ObjectNode o = tools.addObject().put("name", t.name()).put("description", t.description());
      o.set("inputSchema", JSON.valueToTree(t.inputSchema()));
    }
    ArrayNode messages = b.putArray("messages");
    for (Message m : r.messages()) {
      ObjectNode o = messages.addObject().put("role", m.role());
      ArrayNode content = o.putArray("content");
      for (ContentBlock c : m.content()) {
        switch (c) {
          case ContentBlock.Text t -> content.addObject().put("type", "text").put("text", t.text());
          case ContentBlock.ToolUse u -> {
            ObjectNode x = content.addObject().put("type", "tool_use");
            x.put("id", u.id()).put("name", u.name());
            x.set("input", JSON.valueToTree(u.input()));
          }
          case ContentBlock.ToolResult t ->
              content
                  .addObject()
                  .put("type", "tool_result")
                  .put("toolUseId", t.toolUseId())
                  .put("content", t.content())
                  .put("isError", t.isError());
        }
      }
    }
    return b;
  }

  /**
   * {@link ContentBlock.ToolUse} keeps its arguments in an immutable map, which cannot hold null: a
   * top-level argument the model set to null is left out, as if not given.
   */
  private static Map<String, Object> withoutNulls(Map<String, Object> input) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    input.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  static ModelReply reply(JsonNode n) {
    List<ContentBlock> content = new ArrayList<>();
    for (JsonNode c : n.path("content")) {
      switch (c.path("type").asText()) {
        case "text" -> content.add(new ContentBlock.Text(c.path("text").asText()));
        case "tool_use" ->
            content.add(
                new ContentBlock.ToolUse(
                    c.path("id").asText(),
                    c.path("name").asText(),
                    withoutNulls(
                        JSON.convertValue(
                            c.path("input"), new TypeReference<Map<String, Object>>() {}))));
        default -> throw new IllegalArgumentException("unknown block type");
      }
    }
    String stop = n.path("stopReason").asText("");
    if (!stop.equals("end_turn") && !stop.equals("tool_use") && !stop.equals("max_tokens")) {
      throw new IllegalArgumentException("unknown stop reason");
    }
    return new ModelReply(
        stop,
        content,
        new Usage(
            n.path("usage").path("inputTokens").asLong(0),
            n.path("usage").path("outputTokens").asLong(0)));
  }
}
