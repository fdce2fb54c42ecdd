package dev.nome.core.risk;

import dev.nome.core.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What setting an environment variable does: exact names ({@code PATH}), exact name and value pairs
 * ({@code GIT_PAGER=cat}) and prefixes ({@code GIT_*}). The most specific rule wins: name=value,
 * then name, then the longest prefix.
 */
final class EnvironmentRules {
  private final Map<String, Tier> exact = new HashMap<>();
  private final Map<String, Tier> withValue = new HashMap<>();
  private final List<String> prefixes = new ArrayList<>();
  private final List<Tier> prefixTiers = new ArrayList<>();

  void add(Tier tier, String item) {
    if (item.endsWith("*")) {
      prefixes.add(item.substring(0, item.length() - 1));
      prefixTiers.add(tier);
    } else if (item.indexOf('=') > 0) {
      withValue.put(item, tier);
    } else {
      exact.put(item, tier);
    }
  }

  boolean isEmpty() {
    return exact.isEmpty() && withValue.isEmpty() && prefixes.isEmpty();
  }

  /**
   * The tier of setting {@code name} to {@code value} (null when the value is not static), or null
   * when no rule speaks of the name.
   */
  Tier lookup(String name, String value) {
    if (value != null) {
      Tier t = withValue.get(name + "=" + value);
      if (t != null) {
        return t;
      }
    }
    Tier t = exact.get(name);
    if (t != null) {
      return t;
    }
    int best = -1;
    for (int i = 0; i < prefixes.size(); i++) {
      String p = prefixes.get(i);
      if (name.startsWith(p) && (best < 0 || p.length() > prefixes.get(best).length())) {
        best = i;
      }
    }
    return best < 0 ? null : prefixTiers.get(best);
  }
}
