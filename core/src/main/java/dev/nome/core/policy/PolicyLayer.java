package dev.nome.core.policy;

import java.util.List;
import java.util.Map;

/**
 * One policy file as written: only what it says. Layers are applied in order (shipped default, then
 * the user's, then the work item's) by {@link Policy}.
 *
 * @param kind where the layer comes from, which decides what it may do
 * @param source how errors and decisions name the file
 * @param budget the run's cost budget, or null when the layer does not set one
 * @param defaults settings for every tool the layer does not name
 * @param tools settings per tool name
 * @param files file gateway rules in file order
 */
public record PolicyLayer(
    Kind kind,
    String source,
    Setting<Double> budget,
    ToolSettings defaults,
    Map<String, ToolSettings> tools,
    List<FileRule> files) {

  /** Where a layer comes from. */
  public enum Kind {
    /** Shipped with NOME; must set every value. */
    SHIPPED,
    /** The user's own {@code ~/.nome/policy.toml}: tightens tools, and its file rules may grant. */
    USER,
    /** Attached to a work item: tightens tools, and its file rules may only tighten. */
    WORK_ITEM
  }

  public PolicyLayer {
    tools = Map.copyOf(tools);
    files = List.copyOf(files);
  }
}
