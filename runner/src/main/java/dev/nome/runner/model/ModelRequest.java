package dev.nome.runner.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One call to the model: the whole conversation so far and the tools on offer. */
public record ModelRequest(
    Optional<String> model,
    String system,
    int maxTokens,
    List<ToolSpec> tools,
    List<Message> messages) {
  public ModelRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(system, "system");
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
    tools = List.copyOf(tools);
    messages = List.copyOf(messages);
  }
}
