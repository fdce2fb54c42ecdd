package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last guard before an answer leaves the server: a provider (or anything between) that echoes
 * the key back must not hand it to the host (P2). Every string of the answer, tool arguments
 * included, loses the key.
 */
final class KeyScrub {

  static final String MARK = "[provider key removed]";

  private KeyScrub() {}

  static ModelAnswer answer(ModelAnswer a, String key) {
    List<Block> out = new ArrayList<>();
    for (Block b : a.content()) {
      out.add(
          switch (b) {
            case Block.Text t -> new Block.Text(t.text().replace(key, MARK));
            case Block.ToolUse u ->
                new Block.ToolUse(
                    u.id().replace(key, MARK),
                    u.name().replace(key, MARK),
                    (ObjectNode) node(u.input().deepCopy(), key));
            case Block.ToolResult r -> r;
          });
    }
    return new ModelAnswer(
        a.stopReason(), out, a.inputTokens(), a.outputTokens(), a.model().replace(key, MARK));
  }

  private static JsonNode node(JsonNode n, String key) {
    if (n instanceof TextNode t) {
      return t.textValue().contains(key) ? new TextNode(t.textValue().replace(key, MARK)) : t;
    }
    if (n instanceof ObjectNode o) {
      ObjectNode copy = NeutralJson.MAPPER.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey().replace(key, MARK), node(e.getValue(), key));
      }
      return copy;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode copy = NeutralJson.MAPPER.createArrayNode();
      a.forEach(x -> copy.add(node(x, key)));
      return copy;
    }
    return n;
  }
}
