package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One turn a {@link ScriptedModelServer} plays: a reply, an HTTP error, or a stream that stalls.
 * See the server's class comment for the JSON form.
 */
public sealed interface ScriptedTurn {

  /** A tool call in a reply; {@code inputJson} is the JSON object of its arguments. */
  record ToolCall(String id, String name, String inputJson) {
    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(inputJson, "inputJson");
    }
  }

  /**
   * A model reply: text (may be empty) and tool calls, with the usage the provider reports.
   *
   * @param stopReason Anthropic's word ({@code end_turn}, {@code tool_use}, {@code max_tokens});
   *     empty means {@code tool_use} when there are tool calls, else {@code end_turn}
   */
  record Reply(
      String text,
      List<ToolCall> toolCalls,
      long inputTokens,
      long outputTokens,
      Optional<String> stopReason)
      implements ScriptedTurn {
    public Reply {
      Objects.requireNonNull(text, "text");
      toolCalls = List.copyOf(toolCalls);
      Objects.requireNonNull(stopReason, "stopReason");
    }

    public String effectiveStopReason() {
      return stopReason.orElse(toolCalls.isEmpty() ? "end_turn" : "tool_use");
    }
  }

  /**
   * An HTTP error with the provider's error body. In {@code message}, {@code {key}} is replaced by
   * the key the request carried, as providers that echo (part of) a refused key do.
   */
  record Failure(int status, Optional<Integer> retryAfterSeconds, String message)
      implements ScriptedTurn {
    public Failure {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("a scripted failure is a 4xx or 5xx status");
      }
      Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Starts a 200 stream, then sends nothing for {@code hold} (or until the server closes). */
  record Stall(Duration hold) implements ScriptedTurn {}

  static Reply text(String text) {
    return new Reply(text, List.of(), 10, 5, Optional.empty());
  }

  static Reply tools(String text, ToolCall... calls) {
    return new Reply(text, List.of(calls), 20, 8, Optional.empty());
  }

  static Failure status(int status) {
    return new Failure(status, Optional.empty(), "scripted failure " + status);
  }

  static Failure rateLimited(int retryAfterSeconds) {
    return new Failure(429, Optional.of(retryAfterSeconds), "rate limit reached (scripted)");
  }

  /** Reads {@code {"turns": [...]}}. @throws IllegalArgumentException naming the bad turn */
  static List<ScriptedTurn> parse(String json) {
    JsonNode root;
    try {
      root = NeutralJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("the script is not JSON");
    }
    if (root == null || !root.path("turns").isArray()) {
      throw new IllegalArgumentException("a script is {\"turns\": [...]}");
    }
    List<ScriptedTurn> out = new ArrayList<>();
    int i = 0;
    for (JsonNode t : root.get("turns")) {
      out.add(turn(t, "turns[" + i++ + "]"));
    }
    return out;
  }

  /** Reads a script from the class path. */
  static List<ScriptedTurn> fromResource(String name) {
    try (InputStream in = ScriptedTurn.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no script resource " + name);
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ScriptedTurn turn(JsonNode t, String at) {
    if (!t.isObject()) {
      throw new IllegalArgumentException(at + " must be an object");
    }
    Set<String> reply = Set.of("text", "toolCalls", "usage", "stopReason");
    Set<String> failure = Set.of("status", "retryAfter", "message");
    Set<String> stall = Set.of("stallMillis");
    List<String> fields = new ArrayList<>();
    t.fieldNames().forEachRemaining(fields::add);
    if (t.has("status")) {
      check(fields, failure, at);
      return new Failure(
          t.get("status").asInt(),
          t.has("retryAfter") ? Optional.of(t.get("retryAfter").asInt()) : Optional.empty(),
          t.path("message").asText("scripted failure " + t.get("status").asInt()));
    }
    if (t.has("stallMillis")) {
      check(fields, stall, at);
      return new Stall(Duration.ofMillis(t.get("stallMillis").asLong()));
    }
    check(fields, reply, at);
    List<ToolCall> calls = new ArrayList<>();
    int j = 0;
    for (JsonNode c : t.path("toolCalls")) {
      if (!c.path("input").isObject() || !c.path("name").isTextual()) {
        throw new IllegalArgumentException(at + ".toolCalls[" + j + "] needs name and input {}");
      }
      calls.add(
          new ToolCall(
              c.path("id").asText("call_" + at.replaceAll("\\D", "") + "_" + j),
              c.get("name").asText(),
              c.get("input").toString()));
      j++;
    }
    return new Reply(
        t.path("text").asText(""),
        calls,
        t.path("usage").path("inputTokens").asLong(10),
        t.path("usage").path("outputTokens").asLong(5),
        t.hasNonNull("stopReason") ? Optional.of(t.get("stopReason").asText()) : Optional.empty());
  }

  private static void check(List<String> fields, Set<String> allowed, String at) {
    for (String f : fields) {
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(
            at + ": unknown field " + f + " (allowed here: " + allowed + ")");
      }
    }
  }
}
