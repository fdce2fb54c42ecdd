package dev.nome.runner.model;

import java.util.List;
import java.util.Objects;

/** A turn of the conversation: {@code user} (task and tool results) or {@code assistant}. */
public record Message(String role, List<ContentBlock> content) {
  public Message {
    if (!"user".equals(role) && !"assistant".equals(role)) {
      throw new IllegalArgumentException("role must be user or assistant");
    }
    content = List.copyOf(Objects.requireNonNull(content, "content"));
  }
}
