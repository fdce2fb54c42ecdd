package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}, {@code x-api-key}, {@code
 * anthropic-version}). The neutral shape is close to this one: blocks map one to one.
 */
final class AnthropicWire implements ProviderWire {

  static final String VERSION = "2023-06-01";

  @Override
  public URI endpoint(URI baseUrl) {
    return OpenAiWire.join(baseUrl, "v1/messages");
  }

  @Override
  public void authenticate(HttpRequest.Builder request, String key) {
    request.header("x-api-key", key).header("anthropic-version", VERSION);
  }

  @Override
  public ObjectNode body(ModelCall call, String model, boolean stream) {
    ObjectNode b = NeutralJson.MAPPER.createObjectNode();
    b.put("model", model);
    b.put("max_tokens", call.maxTokens());
    if (!call.system().isEmpty()) {
      b.put("system", call.system());
    }
    ArrayNode messages = b.putArray("messages");
    for (ModelCall.Turn t : call.messages()) {
      ObjectNode m = messages.addObject();
      m.put("role", t.role());
      ArrayNode content = m.putArray("content");
      for (Block block : t.content()) {
        switch (block) {
          case Block.Text x -> {
            if (!x.text().isEmpty()) { // the API refuses empty text blocks
              content.addObject().put("type", "text").put("text", x.text());
            }
          }
          case Block.ToolUse u -> {
            ObjectNode o = content.addObject();
            o.put("type", "tool_use").put("id", u.id()).put("name", u.name());
            o.set("input", u.input());
          }
          case Block.ToolResult r -> {
            ObjectNode o = content.addObject();
            o.put("type", "tool_result").put("tool_use_id", r.toolUseId());
            o.put("content", r.content());
            if (r.isError()) {
              o.put("is_error", true);
            }
          }
        }
      }
    }
    if (!call.tools().isEmpty()) {
      ArrayNode tools = b.putArray("tools");
      for (ModelCall.Tool tool : call.tools()) {
        ObjectNode o = tools.addObject();
        o.put("name", tool.name()).put("description", tool.description());
        o.set("input_schema", tool.inputSchema());
      }
    }
    if (stream) {
      b.put("stream", true);
    }
    return b;
  }

  @Override
  public ModelAnswer readStream(InputStream in, Runnable onLine, String model)
      throws IOException, ProviderFailure {
    var state =
        new Object() {
          final TreeMap<Integer, Object[]> blocks = new TreeMap<>();
          String model;
          String stop;
          long input;
          long output;
          boolean done;
        };
    state.model = model;
    SseReader.read(
        in,
        onLine,
        (event, data) -> {
          JsonNode d = parse(data);
          String type = event.isEmpty() ? d.path("type").asText() : event;
          switch (type) {
            case "message_start" -> {
              JsonNode msg = d.path("message");
              state.model = msg.path("model").asText(state.model);
              state.input = inputTokens(msg.path("usage"));
              state.output = msg.path("usage").path("output_tokens").asLong(0);
            }
            case "content_block_start" -> {
              JsonNode cb = d.path("content_block");
              int index = d.path("index").asInt();
              switch (cb.path("type").asText()) {
                case "text" ->
                    state.blocks.put(
                        index, new Object[] {"text", new StringBuilder(cb.path("text").asText())});
                case "tool_use" ->
                    state.blocks.put(
                        index,
                        new Object[] {
                          "tool_use",
                          new StringBuilder(),
                          cb.path("id").asText(),
                          cb.path("name").asText()
                        });
                default -> {} // thinking and other block kinds are not passed on
              }
            }
            case "content_block_delta" -> {
              Object[] b = state.blocks.get(d.path("index").asInt());
              JsonNode delta = d.path("delta");
              if (b != null) {
                StringBuilder sb = (StringBuilder) b[1];
                switch (delta.path("type").asText()) {
                  case "text_delta" -> sb.append(delta.path("text").asText());
                  case "input_json_delta" -> sb.append(delta.path("partial_json").asText());
                  default -> {}
                }
              }
            }
            case "message_delta" -> {
              if (d.path("delta").hasNonNull("stop_reason")) {
                state.stop = d.path("delta").path("stop_reason").asText();
              }
              JsonNode u = d.path("usage");
              state.output = Math.max(state.output, u.path("output_tokens").asLong(0));
              state.input = Math.max(state.input, inputTokens(u));
            }
            case "message_stop" -> {
              state.done = true;
              return false;
            }
            case "error" -> throw streamError(d.path("error"));
            default -> {} // ping, content_block_stop
          }
          return true;
        });
    if (!state.done) {
      throw ProviderWire.broken("the provider's stream ended before the message was complete");
    }
    List<Block> content = new ArrayList<>();
    for (Object[] b : state.blocks.values()) {
      String text = b[1].toString();
      if (b[0].equals("text")) {
        if (!text.isEmpty()) {
          content.add(new Block.Text(text));
        }
      } else {
        try {
          content.add(
              new Block.ToolUse((String) b[2], (String) b[3], ProviderWire.arguments(text)));
        } catch (ProviderFailure f) {
          // Cut off by max_tokens: the half-written call is dropped, the stop reason says why.
          if (!"max_tokens".equals(stopReason(state.stop))) {
            throw f;
          }
        }
      }
    }
    return new ModelAnswer(stopReason(state.stop), content, state.input, state.output, state.model);
  }

  @Override
  public ModelAnswer readJson(JsonNode root, String model) throws ProviderFailure {
    if (!"message".equals(root.path("type").asText())) {
      throw ProviderWire.broken("the provider's answer is not a message");
    }
    List<Block> content = new ArrayList<>();
    for (JsonNode c : root.path("content")) {
      switch (c.path("type").asText()) {
        case "text" -> {
          if (!c.path("text").asText().isEmpty()) {
            content.add(new Block.Text(c.path("text").asText()));
          }
        }
        case "tool_use" -> {
          if (!(c.get("input") instanceof ObjectNode input)) {
            throw ProviderWire.broken("the provider sent tool arguments that are not an object");
          }
          content.add(new Block.ToolUse(c.path("id").asText(), c.path("name").asText(), input));
        }
        default -> {}
      }
    }
    JsonNode u = root.path("usage");
    return new ModelAnswer(
        stopReason(root.path("stop_reason").asText(null)),
        content,
        inputTokens(u),
        u.path("output_tokens").asLong(0),
        root.path("model").asText(model));
  }

  /** Input tokens including those written to and read from the prompt cache. */
  private static long inputTokens(JsonNode usage) {
    return usage.path("input_tokens").asLong(0)
        + usage.path("cache_creation_input_tokens").asLong(0)
        + usage.path("cache_read_input_tokens").asLong(0);
  }

  static String stopReason(String s) {
    if (s == null) {
      return "end_turn";
    }
    return switch (s) {
      case "tool_use" -> "tool_use";
      case "max_tokens", "model_context_window_exceeded" -> "max_tokens";
      default -> "end_turn";
    };
  }

  private static ProviderFailure streamError(JsonNode error) {
    String type = error.path("type").asText();
    ProviderFailure.Kind kind =
        switch (type) {
          case "rate_limit_error" -> ProviderFailure.Kind.RATE_LIMITED;
          case "authentication_error", "permission_error" -> ProviderFailure.Kind.AUTH;
          case "invalid_request_error" -> ProviderFailure.Kind.REFUSED;
          case "not_found_error" -> ProviderFailure.Kind.MODEL;
          default -> ProviderFailure.Kind.UNAVAILABLE;
        };
    // The error's type is a fixed word; its message may hold anything and is left out.
    return new ProviderFailure(
        kind, 0, Optional.empty(), "the provider's stream reported an error (" + safe(type) + ")");
  }

  static String safe(String word) {
    return word.matches("[a-z_]{1,40}") ? word : "unknown";
  }

  private static JsonNode parse(String data) throws ProviderFailure {
    try {
      return NeutralJson.MAPPER.readTree(data);
    } catch (IOException e) {
      throw ProviderWire.broken("the provider sent an event that is not JSON");
    }
  }
}
