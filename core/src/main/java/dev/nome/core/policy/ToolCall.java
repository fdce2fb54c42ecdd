package dev.nome.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * A tool call as the policy sees it.
 *
 * @param tool the tool's name (a built-in such as {@code shell}, or an MCP tool's name)
 * @param role the agent role making the call ({@link Roles#DEFAULT} when the run names none)
 * @param input the call's input as the agent sent it
 */
public record ToolCall(String tool, String role, JsonNode input) {
  public ToolCall {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(role, "role");
    input = input == null ? NullNode.getInstance() : input;
  }

  public static ToolCall of(String tool, JsonNode input) {
    return new ToolCall(tool, Roles.DEFAULT, input);
  }
}
