package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies a {@link ScriptedModelServer} answers with, in each provider's wire format: whole JSON
 * answers, event streams cut into small deltas (so a client must assemble them), and error bodies.
 */
final class ScriptedResponses {

  static final int TEXT_PIECE = 12;
  static final int JSON_PIECE = 9;

  private ScriptedResponses() {}

  static List<String> pieces(String s, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.length(); i += size) {
      out.add(s.substring(i, Math.min(s.length(), i + size)));
    }
    return out;
  }

  // ---- Anthropic Messages ----

  static ObjectNode anthropicMessage(ScriptedTurn.Reply r, String model, String id) {
    ObjectNode m = NeutralJson.MAPPER.createObjectNode();
    m.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
    ArrayNode content = m.putArray("content");
    if (!r.text().isEmpty()) {
      content.addObject().put("type", "text").put("text", r.text());
    }
    for (ScriptedTurn.ToolCall c : r.toolCalls()) {
      ObjectNode o = content.addObject().put("type", "tool_use").put("id", c.id());
      o.put("name", c.name());
      o.set("input", json(c.inputJson()));
    }
    m.put("stop_reason", r.effectiveStopReason());
    m.putNull("stop_sequence");
    m.putObject("usage")
        .put("input_tokens", r.inputTokens())
        .put("output_tokens", r.outputTokens());
    return m;
  }

  /** The SSE frames ({@code event:} and {@code data:}) of a streamed message. */
  static List<String> anthropicStream(ScriptedTurn.Reply r, String model, String id) {
    List<String> frames = new ArrayList<>();
    ObjectNode start = NeutralJson.MAPPER.createObjectNode().put("type", "message_start");
    ObjectNode msg =
        anthropicMessage(
            new ScriptedTurn.Reply("", List.of(), r.inputTokens(), 1, java.util.Optional.empty()),
            model,
            id);
    msg.putNull("stop_reason");
    start.set("message", msg);
    frames.add(frame("message_start", start));
    frames.add(frame("ping", NeutralJson.MAPPER.createObjectNode().put("type", "ping")));
    int index = 0;
    if (!r.text().isEmpty()) {
      ObjectNode cbs = event("content_block_start", index);
      cbs.putObject("content_block").put("type", "text").put("text", "");
      frames.add(frame("content_block_start", cbs));
      for (String p : pieces(r.text(), TEXT_PIECE)) {
        ObjectNode d = event("content_block_delta", index);
        d.putObject("delta").put("type", "text_delta").put("text", p);
        frames.add(frame("content_block_delta", d));
      }
      frames.add(frame("content_block_stop", event("content_block_stop", index)));
      index++;
    }
    for (ScriptedTurn.ToolCall c : r.toolCalls()) {
      ObjectNode cbs = event("content_block_start", index);
      ObjectNode cb = cbs.putObject("content_block");
      cb.put("type", "tool_use").put("id", c.id()).put("name", c.name());
      cb.putObject("input");
      frames.add(frame("content_block_start", cbs));
      for (String p : pieces(json(c.inputJson()).toString(), JSON_PIECE)) {
        ObjectNode d = event("content_block_delta", index);
        d.putObject("delta").put("type", "input_json_delta").put("partial_json", p);
        frames.add(frame("content_block_delta", d));
      }
      frames.add(frame("content_block_stop", event("content_block_stop", index)));
      index++;
    }
    ObjectNode md = NeutralJson.MAPPER.createObjectNode().put("type", "message_delta");
    md.putObject("delta").put("stop_reason", r.effectiveStopReason()).putNull("stop_sequence");
    md.putObject("usage").put("output_tokens", r.outputTokens());
    frames.add(frame("message_delta", md));
    frames.add(
        frame("message_stop", NeutralJson.MAPPER.createObjectNode().put("type", "message_stop")));
    return frames;
  }

  static ObjectNode anthropicError(int status, String message) {
    String type =
        switch (status) {
          case 400 -> "invalid_request_error";
          case 401 -> "authentication_error";
          case 403 -> "permission_error";
          case 404 -> "not_found_error";
          case 413 -> "request_too_large";
          case 429 -> "rate_limit_error";
          case 529 -> "overloaded_error";
          default -> "api_error";
        };
    ObjectNode e = NeutralJson.MAPPER.createObjectNode().put("type", "error");
    e.putObject("error").put("type", type).put("message", message);
    return e;
  }

  private static ObjectNode event(String type, int index) {
    return NeutralJson.MAPPER.createObjectNode().put("type", type).put("index", index);
  }

  private static String frame(String event, JsonNode data) {
    return "event: " + event + "\ndata: " + data + "\n\n";
  }

  // ---- OpenAI Chat Completions ----

  static ObjectNode openAiCompletion(ScriptedTurn.Reply r, String model, String id, long created) {
    ObjectNode c = NeutralJson.MAPPER.createObjectNode();
    c.put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
    ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (r.text().isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", r.text());
    }
    if (!r.toolCalls().isEmpty()) {
      ArrayNode tcs = message.putArray("tool_calls");
      for (ScriptedTurn.ToolCall t : r.toolCalls()) {
        ObjectNode o = tcs.addObject().put("id", t.id()).put("type", "function");
        o.putObject("function").put("name", t.name()).put("arguments", t.inputJson());
      }
    }
    choice.put("finish_reason", finishReason(r));
    c.set("usage", openAiUsage(r));
    return c;
  }

  /** The {@code data:} frames of a streamed completion, {@code [DONE]} last. */
  static List<String> openAiStream(
      ScriptedTurn.Reply r, String model, String id, long created, boolean includeUsage) {
    List<String> frames = new ArrayList<>();
    ObjectNode first = chunk(id, created, model, includeUsage);
    ObjectNode d0 = delta(first);
    d0.put("role", "assistant").put("content", "");
    frames.add(data(first));
    for (String p : pieces(r.text(), TEXT_PIECE)) {
      ObjectNode c = chunk(id, created, model, includeUsage);
      delta(c).put("content", p);
      frames.add(data(c));
    }
    int i = 0;
    for (ScriptedTurn.ToolCall t : r.toolCalls()) {
      ObjectNode c = chunk(id, created, model, includeUsage);
      ObjectNode tc = delta(c).putArray("tool_calls").addObject();
      tc.put("index", i).put("id", t.id()).put("type", "function");
      tc.putObject("function").put("name", t.name()).put("arguments", "");
      frames.add(data(c));
      for (String p : pieces(t.inputJson(), JSON_PIECE)) {
        ObjectNode a = chunk(id, created, model, includeUsage);
        ObjectNode ta = delta(a).putArray("tool_calls").addObject().put("index", i);
        ta.putObject("function").put("arguments", p);
        frames.add(data(a));
      }
      i++;
    }
    ObjectNode last = chunk(id, created, model, includeUsage);
    delta(last);
    ((ObjectNode) last.get("choices").get(0)).put("finish_reason", finishReason(r));
    frames.add(data(last));
    if (includeUsage) {
      ObjectNode u = chunk(id, created, model, false);
      u.putArray("choices");
      u.set("usage", openAiUsage(r));
      frames.add(data(u));
    }
    frames.add("data: [DONE]\n\n");
    return frames;
  }

  static ObjectNode openAiError(int status, String message) {
    String type =
        switch (status) {
          case 401 -> "invalid_request_error";
          case 403 -> "permission_denied";
          case 404 -> "invalid_request_error";
          case 429 -> "requests";
          default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    ObjectNode e = NeutralJson.MAPPER.createObjectNode();
    ObjectNode err = e.putObject("error").put("message", message).put("type", type);
    err.putNull("param");
    err.put(
        "code",
        switch (status) {
          case 401 -> "invalid_api_key";
          case 404 -> "model_not_found";
          case 429 -> "rate_limit_exceeded";
          default -> "scripted_" + status;
        });
    return e;
  }

  private static String finishReason(ScriptedTurn.Reply r) {
    return switch (r.effectiveStopReason()) {
      case "tool_use" -> "tool_calls";
      case "max_tokens" -> "length";
      default -> "stop";
    };
  }

  private static ObjectNode openAiUsage(ScriptedTurn.Reply r) {
    return NeutralJson.MAPPER
        .createObjectNode()
        .put("prompt_tokens", r.inputTokens())
        .put("completion_tokens", r.outputTokens())
        .put("total_tokens", r.inputTokens() + r.outputTokens());
  }

  private static ObjectNode chunk(String id, long created, String model, boolean usageNull) {
    ObjectNode c = NeutralJson.MAPPER.createObjectNode();
    c.put("id", id).put("object", "chat.completion.chunk").put("created", created);
    c.put("model", model);
    c.putArray("choices").addObject().put("index", 0).putNull("finish_reason");
    if (usageNull) {
      c.putNull("usage");
    }
    return c;
  }

  private static ObjectNode delta(ObjectNode chunk) {
    return ((ObjectNode) chunk.get("choices").get(0)).putObject("delta");
  }

  private static String data(JsonNode n) {
    return "data: " + n + "\n\n";
  }

  static JsonNode json(String text) {
    try {
      return NeutralJson.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("a scripted tool input is not JSON");
    }
  }
}
