package dev.nome.runner.seats;

import dev.nome.runner.gate.ToolRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls the gate admitted in a seat run, counted by what they asked, for the cross-check of a
 * CLI that reports what it ran without the hook's call id: each admission covers one run.
 */
final class Admissions {

  private final Map<String, Integer> left = new HashMap<>();

  /** The admitted calls as {@link #key} names them. */
  Admissions(List<ToolRequest> admitted) {
    for (ToolRequest r : admitted) {
      left.merge(key(r), 1, Integer::sum);
    }
  }

  static String key(ToolRequest r) {
    return r.tool() + " " + r.input();
  }

  /** Counts off one admission of {@code r}; false when none is left. */
  boolean take(ToolRequest r) {
    String k = key(r);
    int n = left.getOrDefault(k, 0);
    if (n == 0) {
      return false;
    }
    left.put(k, n - 1);
    return true;
  }

  /** The problem every seat's check shares: results for calls the gate never admitted. */
  static void unmatched(HookGate.Tally t, List<String> problems) {
    if (!t.unmatched().isEmpty()) {
      problems.add("results came for calls the gate never admitted: " + t.unmatched());
    }
  }
}
