package dev.nome.runner.model;

import java.util.List;
import java.util.Objects;

/**
 * The model's answer.
 *
 * @param stopReason {@code end_turn}, {@code tool_use} or {@code max_tokens}
 */
public record ModelReply(String stopReason, List<ContentBlock> content, Usage usage) {
  public ModelReply {
    Objects.requireNonNull(stopReason, "stopReason");
    content = List.copyOf(content);
    Objects.requireNonNull(usage, "usage");
  }

  /** The tool calls asked for, in order. */
  public List<ContentBlock.ToolUse> toolUses() {
    return content.stream()
        .filter(ContentBlock.ToolUse.class::isInstance)
        .map(ContentBlock.ToolUse.class::cast)
        .toList();
  }
}
