package dev.nome.core.risk;

import java.util.ArrayList;
import java.util.List;

/** What reading a command's flags found: where its operands are and which flags were used. */
final class Scan {
  /** Indexes (into the argument list) of the operands, in order. */
  final List<Integer> operands = new ArrayList<>(4);

  /** Names of the declared flags used (long names as declared, after abbreviation). */
  final List<String> flags = new ArrayList<>(4);

  /** Values of those flags, same order (null when none or dynamic). */
  final List<Arg> values = new ArrayList<>(4);

  /** A pattern flag ({@code grep -e}) gave the pattern, so every operand is a path. */
  boolean patternGiven;

  /** A flag made it read directories recursively. */
  boolean recursive;

  /** Operands come after a {@code --}. */
  int endOfOptions = Integer.MAX_VALUE;

  boolean has(String... names) {
    for (String n : names) {
      if (flags.contains(n)) {
        return true;
      }
    }
    return false;
  }

  Arg value(String... names) {
    for (int i = 0; i < flags.size(); i++) {
      for (String n : names) {
        if (flags.get(i).equals(n)) {
          return values.get(i);
        }
      }
    }
    return null;
  }
}
