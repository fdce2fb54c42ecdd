package dev.nome.core.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * What the policy needs to know about a run so far: calls per tool, cost spent, and whether the
 * control plane can be reached. An immutable value: {@link #after} returns the state after one more
 * call, so a decision is a pure function of its inputs and the gate (one per run, calls in order)
 * keeps the latest state. Count a call with {@link #after} once it is allowed to run (allowed, or
 * asked and approved); denied calls cost nothing.
 *
 * @param calls how many calls of each tool ran in this run
 * @param spent the sum of the cost weights of those calls
 * @param online true when the control plane can be reached (approvals can be asked for)
 */
public record RunState(Map<String, Long> calls, double spent, boolean online) {

  public RunState {
    calls = Map.copyOf(calls);
    if (!Double.isFinite(spent) || spent < 0) {
      throw new IllegalArgumentException("spent must be a non-negative number");
    }
  }

  /** A run that has made no call yet, with the control plane reachable. */
  public static RunState start() {
    return new RunState(Map.of(), 0, true);
  }

  public long callsOf(String tool) {
    return calls.getOrDefault(tool, 0L);
  }

  /** The state after one more call of {@code tool}, which cost {@code costWeight}. */
  public RunState after(String tool, double costWeight) {
    Map<String, Long> next = new HashMap<>(calls);
    next.merge(tool, 1L, Long::sum);
    return new RunState(next, spent + costWeight, online);
  }

  /** The state after one more call of {@code tool}, at the cost the policy sets for it. */
  public RunState after(String tool, Policy policy) {
    return after(tool, policy.rule(tool).costWeight().value());
  }

  public RunState withOnline(boolean reachable) {
    return new RunState(calls, spent, reachable);
  }
}
