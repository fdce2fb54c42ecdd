package dev.nome.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line of each key in a TOML text. The TOML library reports lines for syntax errors but
 * not for a well-formed key whose meaning is wrong (unknown key, bad value), so the policy parser
 * asks this index instead. It understands table headers, arrays of tables and dotted, quoted keys;
 * for anything else it answers with the nearest enclosing table's line.
 */
final class TomlKeyLines {
  private final Map<List<String>, Integer> lines = new HashMap<>();

  TomlKeyLines(String text) {
    String[] all = text.split("\n", -1);
    List<String> table = List.of();
    Map<List<String>, Integer> arrayCounts = new HashMap<>();
    boolean inMultiline = false;
    for (int i = 0; i < all.length; i++) {
      String line = all[i].strip();
      int quotes = count(line, "\"\"\"") + count(line, "'''");
      if (inMultiline) {
        inMultiline = quotes % 2 == 0;
        continue;
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int number = i + 1;
      if (line.startsWith("[[")) {
        int end = line.indexOf("]]");
        if (end > 0) {
          List<String> name = parts(line.substring(2, end));
          int index = arrayCounts.merge(name, 1, Integer::sum) - 1;
          List<String> path = new ArrayList<>(name);
          path.add("[" + index + "]");
          table = List.copyOf(path);
          lines.putIfAbsent(name, number);
          lines.put(table, number);
        }
      } else if (line.startsWith("[")) {
        int end = line.indexOf(']');
        if (end > 0) {
          table = parts(line.substring(1, end));
          lines.putIfAbsent(table, number);
        }
      } else {
        int eq = keyEnd(line);
        if (eq > 0) {
          List<String> key = new ArrayList<>(table);
          key.addAll(parts(line.substring(0, eq)));
          lines.putIfAbsent(List.copyOf(key), number);
          inMultiline = quotes % 2 == 1;
        }
      }
    }
  }

  /** The line of {@code path}, or of its nearest ancestor that has one, or 0 when none does. */
  int lineOf(List<String> path) {
    for (int n = path.size(); n > 0; n--) {
      Integer line = lines.get(path.subList(0, n));
      if (line != null) {
        return line;
      }
    }
    return 0;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  /** The index of the '=' that ends the key, skipping quoted parts; -1 when there is none. */
  private static int keyEnd(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '=') {
        return i;
      }
    }
    return -1;
  }

  /** Splits a dotted key into its parts, unquoting quoted parts. */
  static List<String> parts(String key) {
    List<String> out = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          part.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '.') {
        out.add(part.toString().strip());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    out.add(part.toString().strip());
    return List.copyOf(out);
  }
}
