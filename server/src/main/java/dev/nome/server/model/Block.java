package dev.nome.server.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** One content block of the provider-neutral conversation the proxy speaks with runners. */
public sealed interface Block {

  record Text(String text) implements Block {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A tool call the model asks for; {@code input} is the JSON object of its arguments. */
  record ToolUse(String id, String name, ObjectNode input) implements Block {
    public ToolUse {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(input, "input");
    }
  }

  /** What the runner's gate returned for a tool call. */
  record ToolResult(String toolUseId, String content, boolean isError) implements Block {
    public ToolResult {
      Objects.requireNonNull(toolUseId, "toolUseId");
      Objects.requireNonNull(content, "content");
    }
  }
}
