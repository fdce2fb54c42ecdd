package dev.nome.server.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ScriptedModelServer} answers on the Gemini API ({@code POST
 * /v1beta/models/MODEL:generateContent} and {@code :streamGenerateContent?alt=sse}, key in {@code
 * x-goog-api-key}), the wire Gemini CLI speaks: candidates whose parts are text or {@code
 * functionCall {name, args}}, with {@code usageMetadata}. A stream sends the text in pieces, one
 * {@code data:} event each, and the function calls with the finish reason in the last.
 */
final class ScriptedGemini {

  private ScriptedGemini() {}

  static ObjectNode chunk(
      List<ObjectNode> parts, String model, String finishReason, ScriptedTurn.Reply usage) {
    ObjectNode out = NeutralJson.MAPPER.createObjectNode();
    ObjectNode candidate = out.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content").put("role", "model");
    ArrayNode ps = content.putArray("parts");
    parts.forEach(ps::add);
    candidate.put("index", 0);
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
    }
    if (usage != null) {
      out.putObject("usageMetadata")
          .put("promptTokenCount", usage.inputTokens())
          .put("candidatesTokenCount", usage.outputTokens())
          .put("totalTokenCount", usage.inputTokens() + usage.outputTokens());
    }
    out.put("modelVersion", model);
    return out;
  }

  private static ObjectNode text(String t) {
    return NeutralJson.MAPPER.createObjectNode().put("text", t);
  }

  private static List<ObjectNode> calls(ScriptedTurn.Reply r) {
    List<ObjectNode> parts = new ArrayList<>();
    for (ScriptedTurn.ToolCall c : r.toolCalls()) {
      ObjectNode call = NeutralJson.MAPPER.createObjectNode();
      ObjectNode fc = call.putObject("functionCall").put("name", c.name());
      fc.set("args", ScriptedResponses.json(c.inputJson()));
      parts.add(call);
    }
    return parts;
  }

  static ObjectNode response(ScriptedTurn.Reply r, String model) {
    List<ObjectNode> parts = new ArrayList<>();
    if (!r.text().isEmpty()) {
      parts.add(text(r.text()));
    }
    parts.addAll(calls(r));
    return chunk(parts, model, "STOP", r);
  }

  static List<String> stream(ScriptedTurn.Reply r, String model) {
    List<String> frames = new ArrayList<>();
    for (String piece : ScriptedResponses.pieces(r.text(), ScriptedResponses.TEXT_PIECE)) {
      frames.add(sse(chunk(List.of(text(piece)), model, null, null)));
    }
    frames.add(sse(chunk(calls(r), model, "STOP", r)));
    return frames;
  }

  private static String sse(ObjectNode chunk) {
    return "data: " + chunk + "\n\n";
  }

  static ObjectNode error(int status, String message) {
    String reason =
        switch (status) {
          case 400 -> "INVALID_ARGUMENT";
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "PERMISSION_DENIED";
          case 404 -> "NOT_FOUND";
          case 429 -> "RESOURCE_EXHAUSTED";
          case 503 -> "UNAVAILABLE";
          default -> "INTERNAL";
        };
    ObjectNode e = NeutralJson.MAPPER.createObjectNode();
    e.putObject("error").put("code", status).put("message", message).put("status", reason);
    return e;
  }
}
