package dev.nome.runner.tools;

import dev.nome.runner.model.ToolSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The set of tools a run offers, by name. */
public final class Tools {

  private final Map<String, Tool> byName;

  public Tools(List<Tool> tools) {
    Map<String, Tool> m = new LinkedHashMap<>();
    for (Tool t : tools) {
      if (m.put(t.name(), t) != null) {
        throw new IllegalArgumentException("two tools are named " + t.name());
      }
    }
    this.byName = Map.copyOf(m);
  }

  /** shell, read_file, write_file, edit_file, list_dir and search. */
  public static Tools standard() {
    return new Tools(
        List.of(
            new ShellTool(),
            new ReadFileTool(),
            new WriteFileTool(),
            new EditFileTool(),
            new ListDirTool(),
            new SearchTool()));
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Tool> all() {
    return byName.values();
  }

  public List<ToolSpec> specs() {
    return byName.values().stream()
        .map(Tool::spec)
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
  }
}
