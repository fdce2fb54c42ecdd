package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.runner.model.ToolSpec;
import java.util.List;
import java.util.Map;

/** read_file: a text file of the workspace, through the gateway. */
public final class ReadFileTool implements Tool {

  @Override
  public String name() {
    return "read_file";
  }

  @Override
  public ToolSpec spec() {
    return new ToolSpec(
        name(),
        "Read a text file. Paths are relative to the workspace.",
        Inputs.schema(Map.of("path", "the file to read"), List.of("path")));
  }

  @Override
  public ToolOutput run(JsonNode input, Workspace ws) throws ToolException {
    Inputs.requireObject(input);
    String path = Inputs.requiredText(input, "path");
    return ToolOutput.ok(Inputs.cap(ws.readText(path), ws.limits().maxOutputChars()));
  }
}
