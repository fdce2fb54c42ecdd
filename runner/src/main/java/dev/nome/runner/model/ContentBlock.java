package dev.nome.runner.model;

import java.util.Map;
import java.util.Objects;

/** One block of a message: text, a tool call the model asks for, or the result NOME returns. */
public sealed interface ContentBlock {

  record Text(String text) implements ContentBlock {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A tool call the model asks for.
   *
   * @param id the provider's call id, echoed back in the {@link ToolResult}
   * @param input the arguments as parsed JSON (maps, lists, strings, numbers, booleans)
   */
  record ToolUse(String id, String name, Map<String, Object> input) implements ContentBlock {
    public ToolUse {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      input = Map.copyOf(input);
    }
  }

  /** What a tool call gave, already scrubbed; {@code isError} when it was denied or failed. */
  record ToolResult(String toolUseId, String content, boolean isError) implements ContentBlock {
    public ToolResult {
      Objects.requireNonNull(toolUseId, "toolUseId");
      Objects.requireNonNull(content, "content");
    }
  }
}
