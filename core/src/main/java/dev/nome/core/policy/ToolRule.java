package dev.nome.core.policy;

/**
 * The settings in force for one tool after layering: every field is set, and each remembers the
 * file and line that set it.
 */
public record ToolRule(
    String tool,
    Setting<Long> maxCallsPerRun,
    Setting<ApproveAt> approveAt,
    Setting<OfflineMode> offline,
    Setting<Double> costWeight,
    Setting<Roles> roles) {

  static ToolRule of(String tool, ToolSettings complete) {
    if (!complete.complete()) {
      throw new IllegalArgumentException("incomplete settings for " + tool);
    }
    return new ToolRule(
        tool,
        complete.maxCallsPerRun(),
        complete.approveAt(),
        complete.offline(),
        complete.costWeight(),
        complete.roles());
  }

  /** The same settings under another tool name (a tool that inherits {@code [defaults]}). */
  ToolRule named(String name) {
    return new ToolRule(name, maxCallsPerRun, approveAt, offline, costWeight, roles);
  }

  /**
   * This rule with a later layer's settings applied. A later layer can only tighten: each field
   * keeps the stricter value, and its origin moves only when the later value is strictly stricter.
   */
  ToolRule tighten(ToolSettings later) {
    return new ToolRule(
        tool,
        pick(
            maxCallsPerRun,
            later.maxCallsPerRun(),
            later.maxCallsPerRun() != null
                && later.maxCallsPerRun().value() < maxCallsPerRun.value()),
        pick(
            approveAt,
            later.approveAt(),
            later.approveAt() != null
                && later.approveAt().value().compareTo(approveAt.value()) < 0),
        pick(
            offline,
            later.offline(),
            later.offline() != null && later.offline().value().compareTo(offline.value()) > 0),
        pick(
            costWeight,
            later.costWeight(),
            later.costWeight() != null && later.costWeight().value() > costWeight.value()),
        tightenRoles(later.roles()));
  }

  private Setting<Roles> tightenRoles(Setting<Roles> later) {
    if (later == null || roles.value().within(later.value())) {
      return roles;
    }
    return new Setting<>(roles.value().intersect(later.value()), later.origin());
  }

  private static <T> Setting<T> pick(
      Setting<T> earlier, Setting<T> later, boolean laterIsStricter) {
    return laterIsStricter ? later : earlier;
  }
}
