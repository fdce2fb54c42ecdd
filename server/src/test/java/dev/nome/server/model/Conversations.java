package dev.nome.server.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies for the proxy in its neutral shape: a first turn and the turn after a tool. */
final class Conversations {
  private Conversations() {}

  static ObjectNode base() {
    ObjectNode b = NeutralJson.MAPPER.createObjectNode();
    b.put("system", "You are careful.");
    b.put("maxTokens", 1024);
    ObjectNode tool = b.putArray("tools").addObject();
    tool.put("name", "read_file").put("description", "Read a file in the workspace");
    ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
    schema.putObject("properties").putObject("path").put("type", "string");
    schema.putArray("required").add("path");
    return b;
  }

  static String first() {
    ObjectNode b = base();
    user(b.putArray("messages"), "Summarize the readme.");
    return b.toString();
  }

  /** The conversation after the model asked for read_file and the gate answered. */
  static String afterTool(String toolUseId, String output, boolean isError) {
    ObjectNode b = base();
    ArrayNode m = b.putArray("messages");
    user(m, "Summarize the readme.");
    ObjectNode a = m.addObject().put("role", "assistant");
    ArrayNode ac = a.putArray("content");
    ac.addObject().put("type", "text").put("text", "Let me look.");
    ObjectNode use = ac.addObject().put("type", "tool_use").put("id", toolUseId);
    use.put("name", "read_file").putObject("input").put("path", "README.md");
    ObjectNode u = m.addObject().put("role", "user");
    u.putArray("content")
        .addObject()
        .put("type", "tool_result")
        .put("toolUseId", toolUseId)
        .put("content", output)
        .put("isError", isError);
    return b.toString();
  }

  static void user(ArrayNode messages, String text) {
    messages
        .addObject()
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", text);
  }
}
