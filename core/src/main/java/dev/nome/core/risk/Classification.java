package dev.nome.core.risk;

import dev.nome.core.Tier;
import java.util.List;

/**
 * The verdict on one shell command: the highest tier found anywhere in it, and the reasons that led
 * to that tier (only the reasons at the final tier are kept, most specific first).
 */
public record Classification(Tier tier, List<Reason> reasons) {
  public Classification {
    reasons = List.copyOf(reasons);
  }

  /** The reasons as {@code command: rule} lines. */
  public List<String> reasonTexts() {
    return reasons.stream().map(Reason::toString).toList();
  }
}
