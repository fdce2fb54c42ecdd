package dev.nome.server.model;

import java.util.List;

/**
 * The model's reply, assembled from the provider's stream.
 *
 * @param stopReason {@code end_turn}, {@code tool_use} or {@code max_tokens}
 * @param model the model that answered, as the provider named it
 */
public record ModelAnswer(
    String stopReason, List<Block> content, long inputTokens, long outputTokens, String model) {
  public ModelAnswer {
    content = List.copyOf(content);
  }
}
