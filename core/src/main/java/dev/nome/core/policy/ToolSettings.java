package dev.nome.core.policy;

/**
 * What one policy layer says about one tool (or, under {@code [defaults]}, about every tool the
 * layer does not name). Any field may be null: that layer leaves it as the earlier layers had it.
 */
public record ToolSettings(
    Setting<Long> maxCallsPerRun,
    Setting<ApproveAt> approveAt,
    Setting<OfflineMode> offline,
    Setting<Double> costWeight,
    Setting<Roles> roles) {

  public static final ToolSettings EMPTY = new ToolSettings(null, null, null, null, null);

  boolean complete() {
    return maxCallsPerRun != null
        && approveAt != null
        && offline != null
        && costWeight != null
        && roles != null;
  }
}
