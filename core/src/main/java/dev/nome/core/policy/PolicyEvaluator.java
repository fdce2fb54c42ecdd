package dev.nome.core.policy;

import dev.nome.core.Tier;

/**
 * The tool policy matrix as a pure function: (policy, run state, tool call, tier) to a {@link
 * Decision}. Checks run in a fixed order and the first that fires decides: role, call limit,
 * budget, offline behaviour, approval tier; a call that passes them all is allowed. Any error,
 * including a missing input, is a denial with the error as its reason.
 */
public final class PolicyEvaluator {

  /** The rule named when evaluation itself failed. */
  public static final String ERROR_RULE = "policy evaluation";

  private PolicyEvaluator() {}

  public static Decision evaluate(Policy policy, RunState state, ToolCall call, Tier tier) {
    try {
      if (policy == null || state == null || call == null || tier == null) {
        return new Decision.Deny("policy error: incomplete input to the policy", ERROR_RULE);
      }
      return decide(policy, state, call, tier);
    } catch (RuntimeException e) {
      return new Decision.Deny("policy error: " + e, ERROR_RULE);
    }
  }

  private static Decision decide(Policy policy, RunState state, ToolCall call, Tier tier) {
    String tool = call.tool();
    ToolRule rule = policy.rule(tool);
    String key = policy.tools().containsKey(tool) ? "tools." + quoteKey(tool) : Policy.DEFAULTS;

    if (!rule.roles().value().allows(call.role())) {
      return new Decision.Deny(
          "role '" + call.role() + "' may not use " + tool + " in this run",
          describe(key, "roles", rule.roles().value().toString(), rule.roles()));
    }

    long max = rule.maxCallsPerRun().value();
    if (state.callsOf(tool) >= max) {
      return new Decision.Deny(
          max == 0
              ? tool + " is not allowed in this run"
              : tool + " reached its limit of " + max + " calls in this run",
          describe(key, "max_calls_per_run", Long.toString(max), rule.maxCallsPerRun()));
    }

    double weight = rule.costWeight().value();
    double budget = policy.budget().value();
    if (state.spent() + weight > budget) {
      return new Decision.Deny(
          "the run's budget of "
              + number(budget)
              + " is spent ("
              + number(state.spent())
              + " used, this call costs "
              + number(weight)
              + ")",
          describe("run", "budget", number(budget), policy.budget()));
    }

    ApproveAt approveAt = rule.approveAt().value();
    boolean needsHuman = approveAt.needsApproval(tier);
    String approveRule =
        describe(key, "approve_at", "\"" + approveAt.label() + "\"", rule.approveAt());

    if (!state.online()) {
      OfflineMode mode = rule.offline().value();
      String offlineRule = describe(key, "offline", "\"" + mode.label() + "\"", rule.offline());
      switch (mode) {
        case DENY -> {
          return new Decision.Deny(
              "the control plane cannot be reached and " + tool + " is denied while offline",
              offlineRule);
        }
        case QUEUE -> {
          return new Decision.Ask(
              tool + " at tier " + tier.label() + " was queued while the control plane was offline",
              offlineRule,
              true);
        }
        case ALLOW_READ -> {
          if (tier != Tier.READ || needsHuman) {
            return new Decision.Ask(
                tool
                    + " at tier "
                    + tier.label()
                    + " was queued while the control plane was offline (only read-tier calls"
                    + " that need no approval run offline)",
                offlineRule,
                true);
          }
        }
      }
    }

    if (needsHuman) {
      return new Decision.Ask(
          tool
              + " at tier "
              + tier.label()
              + " needs approval (approve_at "
              + approveAt.label()
              + ")",
          approveRule,
          false);
    }
    return new Decision.Allow(approveRule);
  }

  private static String describe(String table, String field, String value, Setting<?> setting) {
    return table + "." + field + " = " + value + " (" + setting.origin() + ")";
  }

  private static String quoteKey(String tool) {
    for (int i = 0; i < tool.length(); i++) {
      char c = tool.charAt(i);
      boolean bare =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!bare) {
        return "\"" + tool + "\"";
      }
    }
    return tool;
  }

  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
