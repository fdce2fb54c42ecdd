package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileVerdict;
import dev.nome.runner.model.ToolSpec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * list_dir: the names in a workspace directory (a trailing {@code /} marks a directory, {@code @} a
 * symlink). Names are shown, not content, so protected files inside are listed but not opened.
 */
public final class ListDirTool implements Tool {

  static final int MAX_ENTRIES = 2_000;

  @Override
  public String name() {
    return "list_dir";
  }

  @Override
  public ToolSpec spec() {
    return new ToolSpec(
        name(),
        "List the entries of a directory. Paths are relative to the workspace; default is the"
            + " workspace itself.",
        Inputs.schema(Map.of("path", "the directory to list (default: the workspace)"), List.of()));
  }

  @Override
  public ToolOutput run(JsonNode input, Workspace ws) throws ToolException {
    Inputs.requireObject(input);
    String path = Inputs.optionalText(input, "path", ".");
    FileVerdict v = ws.require(path, Access.READ);
    Path dir = Path.of(v.resolved());
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ToolException(path + " is not a directory");
    }
    List<String> names = new ArrayList<>();
    boolean more = false;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (names.size() == MAX_ENTRIES) {
          more = true;
          break;
        }
        String n = p.getFileName().toString();
        if (Files.isSymbolicLink(p)) {
          n += "@";
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          n += "/";
        }
        names.add(n);
      }
    } catch (IOException e) {
      throw new ToolException(path + ": " + e.getMessage(), e);
    }
    names.sort(null);
    String text = String.join("\n", names) + (more ? "\n[more entries not shown]" : "");
    return ToolOutput.ok(Inputs.cap(text, ws.limits().maxOutputChars()));
  }
}
