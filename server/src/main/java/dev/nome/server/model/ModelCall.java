package dev.nome.server.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One proxied model turn, provider-neutral: what the runner sends to {@code POST
 * /api/runs/{id}/model}.
 */
public record ModelCall(
    Optional<String> model, String system, int maxTokens, List<Tool> tools, List<Turn> messages) {

  public ModelCall {
    tools = List.copyOf(tools);
    messages = List.copyOf(messages);
  }

  /** A tool on offer; {@code inputSchema} is a JSON Schema object. */
  public record Tool(String name, String description, ObjectNode inputSchema) {}

  /** A message: {@code user} or {@code assistant}, with its blocks. */
  public record Turn(String role, List<Block> content) {
    public Turn {
      content = List.copyOf(content);
    }
  }
}
