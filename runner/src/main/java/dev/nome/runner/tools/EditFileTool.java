package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.runner.model.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * edit_file: replaces one exact occurrence of a text in a workspace file. The old text must occur
 * exactly once, so an edit never lands somewhere the agent did not mean.
 */
public final class EditFileTool implements Tool {

  @Override
  public String name() {
    return "edit_file";
  }

  @Override
  public ToolSpec spec() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("path", "the file to edit");
    props.put("old_text", "the exact text to replace; it must occur exactly once");
    props.put("new_text", "the text to put in its place");
    return new ToolSpec(
        name(),
        "Replace one exact occurrence of a text in a file. Paths are relative to the workspace.",
        Inputs.schema(props, List.of("path", "old_text", "new_text")));
  }

  @Override
  public ToolOutput run(JsonNode input, Workspace ws) throws ToolException {
    Inputs.requireObject(input);
    String path = Inputs.requiredText(input, "path");
    String oldText = Inputs.requiredText(input, "old_text");
    String newText = Inputs.requiredText(input, "new_text");
    if (oldText.isEmpty()) {
      throw new ToolException("old_text must not be empty");
    }
    String content = ws.readText(path);
    int at = content.indexOf(oldText);
    if (at < 0) {
      throw new ToolException("old_text does not occur in " + path);
    }
    if (content.indexOf(oldText, at + 1) >= 0) {
      throw new ToolException("old_text occurs more than once in " + path + "; give more context");
    }
    String edited = content.substring(0, at) + newText + content.substring(at + oldText.length());
    if (edited.length() > ws.limits().maxFileBytes()) {
      throw new ToolException("the edited file would be larger than allowed");
    }
    ws.writeText(path, edited);
    long line = content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    return ToolOutput.ok("edited " + path + " at line " + line);
  }
}
