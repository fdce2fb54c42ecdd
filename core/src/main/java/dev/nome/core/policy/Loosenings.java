package dev.nome.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The values of a layer that would loosen the policy below it, and so have no effect. {@code nome
 * policy check} shows them as warnings, so that a user is not surprised that a layer did not open
 * what it seemed to.
 */
public final class Loosenings {

  private Loosenings() {}

  public static List<String> of(Policy before, PolicyLayer later) {
    List<String> out = new ArrayList<>();
    if (later.budget() != null && later.budget().value() > before.budget().value()) {
      out.add(
          later.budget().origin()
              + ": run.budget "
              + PolicyEvaluator.number(later.budget().value())
              + " is above "
              + PolicyEvaluator.number(before.budget().value())
              + " and has no effect");
    }
    check(out, "defaults", before.defaults(), later.defaults());
    for (String tool : new TreeSet<>(later.tools().keySet())) {
      check(out, "tools." + tool, before.rule(tool), later.tools().get(tool));
    }
    return out;
  }

  private static void check(List<String> out, String table, ToolRule rule, ToolSettings s) {
    if (s.maxCallsPerRun() != null && s.maxCallsPerRun().value() > rule.maxCallsPerRun().value()) {
      out.add(
          warn(
              s.maxCallsPerRun(),
              table,
              "max_calls_per_run",
              s.maxCallsPerRun().value(),
              rule.maxCallsPerRun()));
    }
    if (s.approveAt() != null && s.approveAt().value().compareTo(rule.approveAt().value()) > 0) {
      out.add(
          warn(
              s.approveAt(),
              table,
              "approve_at",
              s.approveAt().value().label(),
              rule.approveAt().value().label(),
              rule.approveAt()));
    }
    if (s.offline() != null && s.offline().value().compareTo(rule.offline().value()) < 0) {
      out.add(
          warn(
              s.offline(),
              table,
              "offline",
              s.offline().value().label(),
              rule.offline().value().label(),
              rule.offline()));
    }
    if (s.costWeight() != null && s.costWeight().value() < rule.costWeight().value()) {
      out.add(
          warn(
              s.costWeight(),
              table,
              "cost_weight",
              PolicyEvaluator.number(s.costWeight().value()),
              PolicyEvaluator.number(rule.costWeight().value()),
              rule.costWeight()));
    }
    if (s.roles() != null && !s.roles().value().within(rule.roles().value())) {
      out.add(
          warn(
              s.roles(),
              table,
              "roles",
              s.roles().value().toString(),
              rule.roles().value().toString(),
              rule.roles()));
    }
  }

  private static String warn(
      Setting<?> at, String table, String key, long value, Setting<Long> earlier) {
    return warn(at, table, key, Long.toString(value), Long.toString(earlier.value()), earlier);
  }

  private static String warn(
      Setting<?> at,
      String table,
      String key,
      String value,
      String earlierValue,
      Setting<?> earlier) {
    return at.origin()
        + ": "
        + table
        + "."
        + key
        + " = "
        + value
        + " is looser than "
        + earlierValue
        + " ("
        + earlier.origin()
        + ") and has no effect";
  }
}
