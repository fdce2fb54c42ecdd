package dev.nome.runner.model;

import java.util.Map;
import java.util.Objects;

/** A tool offered to the model, with its arguments described as JSON Schema. */
public record ToolSpec(String name, String description, Map<String, Object> inputSchema) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    inputSchema = Map.copyOf(inputSchema);
  }
}
