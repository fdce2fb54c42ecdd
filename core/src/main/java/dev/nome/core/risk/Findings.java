package dev.nome.core.risk;

import dev.nome.core.Tier;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the tier and reasons while a command is walked. Only reasons at the highest tier seen
 * are kept (a reviewer needs to know why it is dangerous, not which parts were harmless), without
 * duplicates and at most {@link #MAX_REASONS}.
 */
final class Findings {
  static final int MAX_REASONS = 24;

  private Tier tier = Tier.READ;
  private final List<Reason> reasons = new ArrayList<>(4);

  void add(Tier t, String command, String rule) {
    int c = t.compareTo(tier);
    if (c < 0) {
      return;
    }
    if (c > 0) {
      tier = t;
      reasons.clear();
    }
    if (reasons.size() >= MAX_REASONS) {
      return;
    }
    for (int i = 0; i < reasons.size(); i++) {
      Reason r = reasons.get(i);
      if (r.rule().equals(rule) && r.command().equals(command)) {
        return;
      }
    }
    reasons.add(new Reason(t, command, rule));
  }

  Tier tier() {
    return tier;
  }

  Classification result() {
    if (reasons.isEmpty()) {
      return new Classification(tier, List.of(new Reason(tier, "", "nothing to run")));
    }
    return new Classification(tier, reasons);
  }
}
