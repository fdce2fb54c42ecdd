package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.runner.model.ToolSpec;

/** One built-in tool. Implementations are stateless; the workspace carries what a call needs. */
public interface Tool {

  /** The name the model calls it by, and the policy's tool name. */
  String name();

  /** The description and JSON Schema offered to the model. */
  ToolSpec spec();

  /**
   * Runs one call inside {@code workspace}.
   *
   * @throws ToolException when the call cannot be carried out (bad input, refused path, I/O error)
   * @throws InterruptedException when the run is being stopped
   */
  ToolOutput run(JsonNode input, Workspace workspace) throws ToolException, InterruptedException;
}
