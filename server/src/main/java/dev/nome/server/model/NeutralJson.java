package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The proxy's own JSON shape, read strictly: an unknown field or a wrong type is refused with the
 * field's path, never its value (conversations carry tool output).
 *
 * <pre>
 * {model?, system, maxTokens, tools:[{name, description, inputSchema}],
 *  messages:[{role:"user"|"assistant", content:[{type:"text", text}
 *    | {type:"tool_use", id, name, input} | {type:"tool_result", toolUseId, content, isError}]}]}
 * </pre>
 */
public final class NeutralJson {

  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final int MAX_TOKENS_LIMIT = 200_000;

  /** The model ids a route may name (as {@code dev.nome.core.route.Route.Byok} accepts them). */
  private static final java.util.regex.Pattern MODEL_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");

  private NeutralJson() {}

  /** Reads a request body. @throws IllegalArgumentException with a message safe to show */
  public static ModelCall readCall(JsonNode root) {
    requireObject(root, "body");
    onlyFields(root, "body", Set.of("model", "system", "maxTokens", "tools", "messages"));
    Optional<String> model =
        root.hasNonNull("model") ? Optional.of(text(root, "model", "model")) : Optional.empty();
    if (model.isPresent() && !MODEL_ID.matcher(model.get()).matches()) {
      throw new IllegalArgumentException("model is not a model id");
    }
    String system = root.hasNonNull("system") ? text(root, "system", "system") : "";
    JsonNode max = root.get("maxTokens");
    if (max == null || !max.canConvertToInt() || !max.isIntegralNumber()) {
      throw new IllegalArgumentException("field \"maxTokens\" must be a whole number");
    }
    if (max.intValue() < 1 || max.intValue() > MAX_TOKENS_LIMIT) {
      throw new IllegalArgumentException("maxTokens must be 1 to " + MAX_TOKENS_LIMIT);
    }
    List<ModelCall.Tool> tools = new ArrayList<>();
    JsonNode ts = root.get("tools");
    if (ts != null && !ts.isNull()) {
      requireArray(ts, "tools");
      for (int i = 0; i < ts.size(); i++) {
        JsonNode t = ts.get(i);
        String at = "tools[" + i + "]";
        requireObject(t, at);
        onlyFields(t, at, Set.of("name", "description", "inputSchema"));
        JsonNode schema = t.get("inputSchema");
        requireObject(schema, at + ".inputSchema");
        tools.add(
            new ModelCall.Tool(
                text(t, "name", at + ".name"),
                t.hasNonNull("description") ? text(t, "description", at + ".description") : "",
                (ObjectNode) schema));
      }
    }
    JsonNode ms = root.get("messages");
    requireArray(ms, "messages");
    if (ms.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    List<ModelCall.Turn> turns = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      String at = "messages[" + i + "]";
      requireObject(m, at);
      onlyFields(m, at, Set.of("role", "content"));
      String role = text(m, "role", at + ".role");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw new IllegalArgumentException(at + ".role must be user or assistant");
      }
      JsonNode cs = m.get("content");
      requireArray(cs, at + ".content");
      List<Block> blocks = new ArrayList<>();
      for (int j = 0; j < cs.size(); j++) {
        blocks.add(readBlock(cs.get(j), at + ".content[" + j + "]"));
      }
      turns.add(new ModelCall.Turn(role, blocks));
    }
    return new ModelCall(model, system, max.intValue(), tools, turns);
  }

  private static Block readBlock(JsonNode b, String at) {
    requireObject(b, at);
    String type = text(b, "type", at + ".type");
    return switch (type) {
      case "text" -> {
        onlyFields(b, at, Set.of("type", "text"));
        yield new Block.Text(text(b, "text", at + ".text"));
      }
      case "tool_use" -> {
        onlyFields(b, at, Set.of("type", "id", "name", "input"));
        JsonNode input = b.get("input");
        requireObject(input, at + ".input");
        yield new Block.ToolUse(
            text(b, "id", at + ".id"), text(b, "name", at + ".name"), (ObjectNode) input);
      }
      case "tool_result" -> {
        onlyFields(b, at, Set.of("type", "toolUseId", "content", "isError"));
        JsonNode err = b.get("isError");
        if (err != null && !err.isNull() && !err.isBoolean()) {
          throw new IllegalArgumentException(at + ".isError must be true or false");
        }
        yield new Block.ToolResult(
            text(b, "toolUseId", at + ".toolUseId"),
            text(b, "content", at + ".content"),
            err != null && err.asBoolean());
      }
      default ->
          throw new IllegalArgumentException(at + ".type must be text, tool_use or tool_result");
    };
  }

  /**
   * Writes a reply: {@code {stopReason, content:[...], usage:{inputTokens, outputTokens}, model}}.
   */
  public static ObjectNode writeAnswer(ModelAnswer a) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("stopReason", a.stopReason());
    out.set("content", writeBlocks(a.content()));
    ObjectNode usage = out.putObject("usage");
    usage.put("inputTokens", a.inputTokens());
    usage.put("outputTokens", a.outputTokens());
    out.put("model", a.model());
    return out;
  }

  public static ArrayNode writeBlocks(List<Block> blocks) {
    ArrayNode arr = MAPPER.createArrayNode();
    for (Block b : blocks) {
      ObjectNode o = arr.addObject();
      switch (b) {
        case Block.Text t -> {
          o.put("type", "text");
          o.put("text", t.text());
        }
        case Block.ToolUse u -> {
          o.put("type", "tool_use");
          o.put("id", u.id());
          o.put("name", u.name());
          o.set("input", u.input());
        }
        case Block.ToolResult r -> {
          o.put("type", "tool_result");
          o.put("toolUseId", r.toolUseId());
          o.put("content", r.content());
          o.put("isError", r.isError());
        }
      }
    }
    return arr;
  }

  private static String text(JsonNode parent, String field, String at) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("field \"" + at + "\" must be a string");
    }
    return n.textValue();
  }

  private static void requireObject(JsonNode n, String at) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("field \"" + at + "\" must be a JSON object");
    }
  }

  private static void requireArray(JsonNode n, String at) {
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException("field \"" + at + "\" must be an array");
    }
  }

  private static void onlyFields(JsonNode n, String at, Set<String> allowed) {
    n.fieldNames()
        .forEachRemaining(
            f -> {
              if (!allowed.contains(f)) {
                throw new IllegalArgumentException(
                    "unknown field in " + at + " (allowed: " + String.join(", ", allowed) + ")");
              }
            });
  }
}
