package dev.nome.core.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy in force after layering: the shipped default, then the user's layer, then the work
 * item's. A later layer can only tighten: each tool setting keeps the stricter of the earlier and
 * the later value, and the work item's file rules may only lower access. Immutable.
 *
 * @param budget the cost budget of one run (each call spends its tool's cost_weight)
 * @param defaults the rule for any tool without its own (MCP tools, unknown tools)
 * @param tools the rule per named tool
 * @param files file gateway rules of every layer, in layer order
 * @param sources the layers it was built from, in order
 */
public record Policy(
    Setting<Double> budget,
    ToolRule defaults,
    Map<String, ToolRule> tools,
    List<FileRule> files,
    List<String> sources) {

  /** The name under which {@link #defaults} appears in decisions. */
  public static final String DEFAULTS = "defaults";

  public Policy {
    tools = Map.copyOf(tools);
    files = List.copyOf(files);
    sources = List.copyOf(sources);
  }

  /** The policy of a complete base layer (the shipped default). */
  public static Policy of(PolicyLayer base) {
    if (base.budget() == null || !base.defaults().complete()) {
      throw new IllegalArgumentException(base.source() + " is not a complete base policy");
    }
    ToolRule defaults = ToolRule.of(DEFAULTS, base.defaults());
    Map<String, ToolRule> tools = new LinkedHashMap<>();
    for (var e : base.tools().entrySet()) {
      tools.put(e.getKey(), ToolRule.of(e.getKey(), overlay(base.defaults(), e.getValue())));
    }
    return new Policy(base.budget(), defaults, tools, base.files(), List.of(base.source()));
  }

  /** This policy tightened by a later layer. */
  public Policy then(PolicyLayer later) {
    Setting<Double> newBudget =
        later.budget() != null && later.budget().value() < budget.value() ? later.budget() : budget;
    Set<String> names = new HashSet<>(tools.keySet());
    names.addAll(later.tools().keySet());
    Map<String, ToolRule> newTools = new LinkedHashMap<>();
    for (String name : names.stream().sorted().toList()) {
      ToolSettings settings = later.tools().getOrDefault(name, later.defaults());
      newTools.put(name, rule(name).tighten(settings));
    }
    List<FileRule> newFiles = new ArrayList<>(files);
    for (FileRule r : later.files()) {
      boolean mayGrant = later.kind() != PolicyLayer.Kind.WORK_ITEM;
      newFiles.add(mayGrant ? r : new FileRule(r.pattern(), r.access(), false, r.origin()));
    }
    List<String> newSources = new ArrayList<>(sources);
    newSources.add(later.source());
    return new Policy(
        newBudget, defaults.tighten(later.defaults()), newTools, newFiles, newSources);
  }

  /** The rule for {@code tool}: its own, else {@link #defaults} under its name. */
  public ToolRule rule(String tool) {
    ToolRule own = tools.get(tool);
    return own != null ? own : defaults.named(tool);
  }

  private static ToolSettings overlay(ToolSettings base, ToolSettings over) {
    return new ToolSettings(
        over.maxCallsPerRun() != null ? over.maxCallsPerRun() : base.maxCallsPerRun(),
        over.approveAt() != null ? over.approveAt() : base.approveAt(),
        over.offline() != null ? over.offline() : base.offline(),
        over.costWeight() != null ? over.costWeight() : base.costWeight(),
        over.roles() != null ? over.roles() : base.roles());
  }
}
