package dev.nome.core.secrets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Placeholders, template references, masked output and documented example keys, read from {@code
 * allow.txt}: a candidate that is one of these is left alone. Plain string tests, no patterns: a
 * check runs for every candidate secret and must stay cheap.
 */
final class Allowlist {

  private final String[] contains;
  private final String[] starts;
  private final Set<String> equals;
  private final char[] repeatChar;
  private final int[] repeatCount;
  private final Set<String> examples;

  private Allowlist(
      List<String> contains,
      List<String> starts,
      Set<String> equals,
      List<int[]> repeats,
      Set<String> examples) {
    this.contains = contains.toArray(String[]::new);
    this.starts = starts.toArray(String[]::new);
    this.equals = Set.copyOf(equals);
    this.repeatChar = new char[repeats.size()];
    this.repeatCount = new int[repeats.size()];
    for (int i = 0; i < repeats.size(); i++) {
      repeatChar[i] = (char) repeats.get(i)[0];
      repeatCount[i] = repeats.get(i)[1];
    }
    this.examples = Set.copyOf(examples);
  }

  static Allowlist parse(List<String> lines) {
    List<String> contains = new ArrayList<>();
    List<String> starts = new ArrayList<>();
    Set<String> equals = new HashSet<>();
    List<int[]> repeats = new ArrayList<>();
    Set<String> examples = new HashSet<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? "" : line.substring(0, eq).strip();
      String value = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException("allow.txt:" + n + ": empty value");
      }
      String lower = value.toLowerCase(Locale.ROOT);
      switch (name) {
        case "contains" -> contains.add(lower);
        case "starts" -> starts.add(lower);
        case "equals" -> equals.add(lower);
        case "example" -> examples.add(value);
        case "repeat" -> {
          String[] f = value.split("\\s+");
          if (f.length != 2 || f[0].length() != 1) {
            throw new IllegalArgumentException("allow.txt:" + n + ": repeat = <char> <count>");
          }
          repeats.add(new int[] {Character.toLowerCase(f[0].charAt(0)), Integer.parseInt(f[1])});
        }
        default ->
            throw new IllegalArgumentException(
                "allow.txt:" + n + ": expected contains, starts, equals, repeat or example");
      }
    }
    return new Allowlist(contains, starts, equals, repeats, examples);
  }

  boolean allows(String candidate) {
    if (examples.contains(candidate)) {
      return true;
    }
    String s = candidate.toLowerCase(Locale.ROOT);
    if (equals.contains(s)) {
      return true;
    }
    for (String p : starts) {
      if (s.startsWith(p)) {
        return true;
      }
    }
    for (String c : contains) {
      if (s.contains(c)) {
        return true;
      }
    }
    for (int r = 0; r < repeatChar.length; r++) {
      char c = repeatChar[r];
      int run = 0;
      for (int i = 0; i < s.length(); i++) {
        run = s.charAt(i) == c ? run + 1 : 0;
        if (run >= repeatCount[r]) {
          return true;
        }
      }
    }
    return false;
  }
}
