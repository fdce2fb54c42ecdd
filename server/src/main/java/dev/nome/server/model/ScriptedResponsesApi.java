package dev.nome.server.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ScriptedModelServer} answers on the OpenAI Responses API ({@code POST
 * /v1/responses}), the wire Codex CLI speaks: a stream of {@code response.created}, the text as
 * {@code response.output_text.delta} pieces, each output item ({@code message} or {@code
 * function_call} with {@code call_id} and JSON {@code arguments}) as {@code
 * response.output_item.added} and {@code response.output_item.done}, and {@code response.completed}
 * with the usage.
 */
final class ScriptedResponsesApi {

  private ScriptedResponsesApi() {}

  static ObjectNode response(ScriptedTurn.Reply r, String model, String id, String status) {
    ObjectNode resp = NeutralJson.MAPPER.createObjectNode();
    resp.put("id", id).put("object", "response").put("model", model).put("status", status);
    ArrayNode output = resp.putArray("output");
    if (status.equals("completed")) {
      items(r, id).forEach(output::add);
      resp.putObject("usage")
          .put("input_tokens", r.inputTokens())
          .put("output_tokens", r.outputTokens())
          .put("total_tokens", r.inputTokens() + r.outputTokens());
    }
    return resp;
  }

  private static List<ObjectNode> items(ScriptedTurn.Reply r, String id) {
    List<ObjectNode> items = new ArrayList<>();
    if (!r.text().isEmpty()) {
      ObjectNode m = NeutralJson.MAPPER.createObjectNode();
      m.put("type", "message").put("id", "msg_" + id).put("role", "assistant");
      m.put("status", "completed");
      m.putArray("content")
          .addObject()
          .put("type", "output_text")
          .put("text", r.text())
          .putArray("annotations");
      items.add(m);
    }
    for (ScriptedTurn.ToolCall c : r.toolCalls()) {
      ObjectNode f = NeutralJson.MAPPER.createObjectNode();
      f.put("type", "function_call").put("id", "fc_" + c.id()).put("call_id", c.id());
      f.put("name", c.name()).put("arguments", c.inputJson()).put("status", "completed");
      items.add(f);
    }
    return items;
  }

  /** The SSE frames of a streamed response. */
  static List<String> stream(ScriptedTurn.Reply r, String model, String id) {
    List<String> frames = new ArrayList<>();
    int seq = 0;
    frames.add(frame("response.created", seq++, "response", response(r, model, id, "in_progress")));
    List<ObjectNode> items = items(r, id);
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = items.get(i);
      ObjectNode added = event("response.output_item.added", seq++).put("output_index", i);
      added.set("item", item);
      frames.add(sse(added));
      if (item.path("type").asText().equals("message")) {
        for (String piece : ScriptedResponses.pieces(r.text(), ScriptedResponses.TEXT_PIECE)) {
          frames.add(
              sse(
                  event("response.output_text.delta", seq++)
                      .put("item_id", item.path("id").asText())
                      .put("output_index", i)
                      .put("content_index", 0)
                      .put("delta", piece)));
        }
      }
      ObjectNode done = event("response.output_item.done", seq++).put("output_index", i);
      done.set("item", item);
      frames.add(sse(done));
    }
    frames.add(frame("response.completed", seq, "response", response(r, model, id, "completed")));
    return frames;
  }

  private static ObjectNode event(String type, int seq) {
    return NeutralJson.MAPPER.createObjectNode().put("type", type).put("sequence_number", seq);
  }

  private static String frame(String type, int seq, String field, ObjectNode value) {
    ObjectNode e = event(type, seq);
    e.set(field, value);
    return sse(e);
  }

  private static String sse(ObjectNode e) {
    return "event: " + e.path("type").asText() + "\ndata: " + e + "\n\n";
  }
}
