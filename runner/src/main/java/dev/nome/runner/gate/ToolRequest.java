package dev.nome.runner.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Map;
import java.util.Objects;

/**
 * A tool call an agent asks for, as any route hands it to the gate.
 *
 * @param callId the agent's id for the call (echoed back with the result)
 * @param tool the tool's name
 * @param input the call's input as the agent sent it
 */
public record ToolRequest(String callId, String tool, JsonNode input) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ToolRequest {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    input = input == null ? NullNode.getInstance() : input;
  }

  /** From parsed JSON values (maps, lists, strings, numbers, booleans). */
  public static ToolRequest of(String callId, String tool, Map<String, Object> input) {
    return new ToolRequest(callId, tool, JSON.valueToTree(input));
  }
}
