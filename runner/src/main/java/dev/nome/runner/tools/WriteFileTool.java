package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.runner.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** write_file: creates or replaces a file of the workspace, through the gateway. */
public final class WriteFileTool implements Tool {

  @Override
  public String name() {
    return "write_file";
  }

  @Override
  public ToolSpec spec() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("path", "the file to write; its directory must exist");
    props.put("content", "the whole new content of the file");
    return new ToolSpec(
        name(),
        "Create a file or replace its content. Paths are relative to the workspace.",
        Inputs.schema(props, List.of("path", "content")));
  }

  @Override
  public ToolOutput run(JsonNode input, Workspace ws) throws ToolException {
    Inputs.requireObject(input);
    String path = Inputs.requiredText(input, "path");
    String content = Inputs.requiredText(input, "content");
    if (content.length() > ws.limits().maxFileBytes()) {
      throw new ToolException(
          "the content is larger than the " + ws.limits().maxFileBytes() + " bytes allowed");
    }
    ws.writeText(path, content);
    return ToolOutput.ok(
        "wrote " + content.getBytes(StandardCharsets.UTF_8).length + " bytes to " + path);
  }
}
