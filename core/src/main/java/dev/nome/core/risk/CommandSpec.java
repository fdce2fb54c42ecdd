package dev.nome.core.risk;

import dev.nome.core.Tier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the knowledge file says about one command or subcommand. Built by {@link KnowledgeFile},
 * then never changed; lookups are hash maps and one sorted array (for abbreviated long options).
 */
final class CommandSpec {
  final String name;
  Tier tier = Tier.WRITE;
  boolean abbreviations;
  boolean numericFlags;
  Tier unknownFlag;
  Tier unknownSub = Tier.WRITE;
  ArgsKind args = ArgsKind.NONE;
  int skip;
  String check;
  String why;
  boolean recursiveAlways;
  final Map<String, Flag> flags = new HashMap<>();
  final Set<String> patternFlags = new HashSet<>();
  final Set<String> recursiveFlags = new HashSet<>();
  final Map<String, CommandSpec> subs = new HashMap<>();
  final EnvironmentRules env = new EnvironmentRules();

  private String[] longNames = new String[0];
  private Tier worstFlag = Tier.READ;

  CommandSpec(String name) {
    this.name = name;
  }

  /** Adds a flag; a flag listed twice keeps the more harmful effect. */
  void addFlag(Flag flag) {
    Flag old = flags.get(flag.name());
    if (old == null || old.effect().tier.compareTo(flag.effect().tier) < 0) {
      flags.put(flag.name(), flag);
    }
  }

  /** Called once the entry is complete. */
  void seal() {
    if (unknownFlag == null) {
      unknownFlag = tier.max(Tier.WRITE);
    }
    longNames =
        flags.keySet().stream().filter(n -> n.startsWith("--")).sorted().toArray(String[]::new);
    Tier worst = Tier.READ;
    for (Flag f : flags.values()) {
      worst = worst.max(f.effect().tier);
    }
    worstFlag = worst;
  }

  /** The flag with exactly this name (dashes included), or null. */
  Flag flag(String name) {
    return flags.get(name);
  }

  /**
   * The long flags this abbreviation can stand for: all of them when ambiguous (the tool would
   * refuse, but we judge the worst), an empty array when none.
   */
  Flag[] byPrefix(String prefix) {
    int i = Arrays.binarySearch(longNames, prefix);
    if (i < 0) {
      i = -i - 1;
    }
    int j = i;
    while (j < longNames.length && longNames[j].startsWith(prefix)) {
      j++;
    }
    Flag[] out = new Flag[j - i];
    for (int k = i; k < j; k++) {
      out[k - i] = flags.get(longNames[k]);
    }
    return out;
  }

  /**
   * The most harmful flag a pattern argument can expand to: a flag that takes a value (a file named
   * {@code --pre=x.log} matches {@code *.log}), or one whose name the pattern matches.
   */
  Tier worstFlagFor(String pattern) {
    Tier worst = Tier.READ;
    for (Flag f : flags.values()) {
      if (f.effect().tier.compareTo(worst) > 0
          && (f.value() != Flag.Value.NONE || GlobPattern.matches(pattern, f.name()))) {
        worst = f.effect().tier;
      }
    }
    return worst;
  }

  /**
   * The most harmful effect any declared flag has: what an argument unknown until run time may be.
   */
  Tier worstFlag() {
    return worstFlag;
  }

  @Override
  public String toString() {
    return name;
  }
}
