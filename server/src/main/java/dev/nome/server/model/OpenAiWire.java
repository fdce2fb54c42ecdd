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
import java.util.TreeMap;

/**
 * The OpenAI Chat Completions API ({@code POST {base}/chat/completions}, {@code Authorization:
 * Bearer}), for OpenAI and for OpenAI-compatible servers. A neutral user turn becomes one {@code
 * tool} message per tool result followed by a {@code user} message with its text; an assistant turn
 * becomes one message with {@code content} and {@code tool_calls}.
 */
final class OpenAiWire implements ProviderWire {

  private final boolean openAiItself;

  /**
   * @param openAiItself OpenAI's own API takes {@code max_completion_tokens} (reasoning models
   *     refuse {@code max_tokens}); compatible servers commonly know only {@code max_tokens}
   */
  OpenAiWire(boolean openAiItself) {
    this.openAiItself = openAiItself;
  }

  static URI join(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
  }

  @Override
  public URI endpoint(URI baseUrl) {
    return join(baseUrl, "chat/completions");
  }

  @Override
  public void authenticate(HttpRequest.Builder request, String key) {
    request.header("Authorization", "Bearer " + key);
  }

  @Override
  public ObjectNode body(ModelCall call, String model, boolean stream) {
    ObjectNode b = NeutralJson.MAPPER.createObjectNode();
    b.put("model", model);
    b.put(openAiItself ? "max_completion_tokens" : "max_tokens", call.maxTokens());
    ArrayNode messages = b.putArray("messages");
    if (!call.system().isEmpty()) {
      messages.addObject().put("role", "system").put("content", call.system());
    }
    for (ModelCall.Turn t : call.messages()) {
      StringBuilder text = new StringBuilder();
      List<Block.ToolUse> calls = new ArrayList<>();
      for (Block block : t.content()) {
        switch (block) {
          case Block.Text x -> text.append(text.isEmpty() ? "" : "\n").append(x.text());
          case Block.ToolUse u -> calls.add(u);
          case Block.ToolResult r ->
              messages
                  .addObject()
                  .put("role", "tool")
                  .put("tool_call_id", r.toolUseId())
                  .put("content", r.isError() ? "Error: " + r.content() : r.content());
        }
      }
      if (t.role().equals("assistant")) {
        ObjectNode m = messages.addObject().put("role", "assistant");
        if (text.isEmpty()) {
          m.putNull("content");
        } else {
          m.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
          ArrayNode tc = m.putArray("tool_calls");
          for (Block.ToolUse u : calls) {
            ObjectNode c = tc.addObject().put("id", u.id()).put("type", "function");
            c.putObject("function").put("name", u.name()).put("arguments", u.input().toString());
          }
        }
      } else if (!text.isEmpty()) {
        messages.addObject().put("role", "user").put("content", text.toString());
      }
    }
    if (!call.tools().isEmpty()) {
      ArrayNode tools = b.putArray("tools");
      for (ModelCall.Tool tool : call.tools()) {
        ObjectNode f = tools.addObject().put("type", "function").putObject("function");
        f.put("name", tool.name()).put("description", tool.description());
        f.set("parameters", tool.inputSchema());
      }
    }
    if (stream) {
      b.put("stream", true);
      b.putObject("stream_options").put("include_usage", true);
    }
    return b;
  }

  @Override
  public ModelAnswer readStream(InputStream in, Runnable onLine, String model)
      throws IOException, ProviderFailure {
    var state =
        new Object() {
          final StringBuilder text = new StringBuilder();
          final TreeMap<Integer, String[]> calls = new TreeMap<>();
          final TreeMap<Integer, StringBuilder> args = new TreeMap<>();
          String model;
          String finish;
          long input;
          long output;
          boolean done;
        };
    state.model = model;
    SseReader.read(
        in,
        onLine,
        (event, data) -> {
          if (data.strip().equals("[DONE]")) {
            state.done = true;
            return false;
          }
          JsonNode d;
          try {
            d = NeutralJson.MAPPER.readTree(data);
          } catch (IOException e) {
            throw ProviderWire.broken("the provider sent a chunk that is not JSON");
          }
          if (d.hasNonNull("error")) {
            throw ProviderWire.broken("the provider's stream reported an error");
          }
          state.model = d.path("model").asText(state.model);
          for (JsonNode choice : d.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.hasNonNull("content")) {
              state.text.append(delta.get("content").asText());
            }
            for (JsonNode tc : delta.path("tool_calls")) {
              int i = tc.path("index").asInt();
              String[] c = state.calls.computeIfAbsent(i, k -> new String[2]);
              if (tc.hasNonNull("id")) {
                c[0] = tc.get("id").asText();
              }
              JsonNode fn = tc.path("function");
              if (fn.hasNonNull("name")) {
                c[1] = fn.get("name").asText();
              }
              if (fn.hasNonNull("arguments")) {
                state
                    .args
                    .computeIfAbsent(i, k -> new StringBuilder())
                    .append(fn.get("arguments").asText());
              }
            }
            if (choice.hasNonNull("finish_reason")) {
              state.finish = choice.get("finish_reason").asText();
            }
          }
          if (d.hasNonNull("usage")) {
            state.input = d.get("usage").path("prompt_tokens").asLong(0);
            state.output = d.get("usage").path("completion_tokens").asLong(0);
          }
          return true;
        });
    if (!state.done && state.finish == null) {
      throw ProviderWire.broken("the provider's stream ended before the answer was complete");
    }
    List<Block> content = new ArrayList<>();
    if (!state.text.isEmpty()) {
      content.add(new Block.Text(state.text.toString()));
    }
    for (var e : state.calls.entrySet()) {
      String[] c = e.getValue();
      if (c[0] == null || c[1] == null) {
        throw ProviderWire.broken("the provider sent a tool call without id or name");
      }
      StringBuilder a = state.args.get(e.getKey());
      try {
        content.add(
            new Block.ToolUse(c[0], c[1], ProviderWire.arguments(a == null ? "" : a.toString())));
      } catch (ProviderFailure f) {
        // Cut off by the length limit: the half-written call is dropped, the stop reason says why.
        if (!"length".equals(state.finish)) {
          throw f;
        }
      }
    }
    return new ModelAnswer(
        stopReason(state.finish, !state.calls.isEmpty()),
        content,
        state.input,
        state.output,
        state.model);
  }

  @Override
  public ModelAnswer readJson(JsonNode root, String model) throws ProviderFailure {
    JsonNode choice = root.path("choices").path(0);
    if (choice.isMissingNode()) {
      throw ProviderWire.broken("the provider's answer has no choices");
    }
    JsonNode msg = choice.path("message");
    List<Block> content = new ArrayList<>();
    if (msg.hasNonNull("content") && !msg.get("content").asText().isEmpty()) {
      content.add(new Block.Text(msg.get("content").asText()));
    }
    for (JsonNode tc : msg.path("tool_calls")) {
      content.add(
          new Block.ToolUse(
              tc.path("id").asText(),
              tc.path("function").path("name").asText(),
              ProviderWire.arguments(tc.path("function").path("arguments").asText())));
    }
    JsonNode u = root.path("usage");
    return new ModelAnswer(
        stopReason(choice.path("finish_reason").asText(null), msg.has("tool_calls")),
        content,
        u.path("prompt_tokens").asLong(0),
        u.path("completion_tokens").asLong(0),
        root.path("model").asText(model));
  }

  static String stopReason(String finish, boolean calledTools) {
    if (finish == null) {
      return calledTools ? "tool_use" : "end_turn";
    }
    return switch (finish) {
      case "tool_calls", "function_call" -> "tool_use";
      case "length" -> "max_tokens";
      default -> calledTools ? "tool_use" : "end_turn";
    };
  }
}
