package dev.nome.core.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * A cheap necessary condition for an anchored rule, read off the start of its pattern: the literal
 * text and the character-class runs it begins with ({@code ghp_[A-Za-z0-9]{36}} needs "ghp_" and
 * then 36 characters of the class). A keyword whose text cannot satisfy it never reaches RE2/J,
 * which keeps dense keywords (crafted input, or "sk-" inside "task-runner") cheap. It only ever
 * rejects what the pattern would reject too; anything it cannot read it admits.
 */
final class Shape {

  static final Shape ANY = new Shape(List.of());

  /**
   * For {@code name = value} rules: a name, a separator, then a value of six characters or more.
   */
  static final Shape ASSIGNMENT = new Shape(List.of());

  private static final String VALUE_STOP = " \t\r\n\"'`,;&<>(){}[]|\\";

  /** One element: a set of ASCII characters that must occur at least {@code min} times in a row. */
  private record Run(boolean[] chars, boolean ignoreCase, int min) {}

  private final List<Run> runs;

  private Shape(List<Run> runs) {
    this.runs = List.copyOf(runs);
  }

  boolean admits(char[] b, int p, int end) {
    if (this == ASSIGNMENT) {
      return assignment(b, p, end);
    }
    int i = p;
    for (Run run : runs) {
      for (int k = 0; k < run.min; k++, i++) {
        if (i >= end) {
          return false;
        }
        char c = b[i];
        if (c >= 128) {
          return false;
        }
        if (!run.chars[c] && !(run.ignoreCase && run.chars[Character.toLowerCase(c)])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean assignment(char[] b, int p, int end) {
    int i = p;
    int limit = Math.min(end, p + 64);
    while (i < limit && (RuleText.isAlnum(b[i]) || b[i] == '_' || b[i] == '.' || b[i] == '-')) {
      i++;
    }
    if (i < end && (b[i] == '"' || b[i] == '\'')) {
      i++;
    }
    while (i < end && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    if (i >= end || b[i] != '=' && b[i] != ':') {
      return false;
    }
    i++;
    while (i < end
        && (b[i] == ' '
            || b[i] == '\t'
            || b[i] == '"'
            || b[i] == '\''
            || b[i] == '>'
            || b[i] == '=')) {
      i++;
    }
    int v = i;
    while (i < end && i - v < 6 && VALUE_STOP.indexOf(b[i]) < 0) {
      i++;
    }
    return i - v >= 6;
  }

  /** Reads the leading literal characters and classes of a pattern; stops at anything else. */
  static Shape of(String pattern) {
    List<Run> runs = new ArrayList<>();
    String p = pattern;
    boolean ignoreCase = false;
    if (p.startsWith("(?i)")) {
      ignoreCase = true;
      p = p.substring(4);
    }
    int i = 0;
    if (i < p.length() && p.charAt(i) == '(' && !p.startsWith("(?", i)) {
      i++;
    }
    while (i < p.length()) {
      char c = p.charAt(i);
      boolean[] set = new boolean[128];
      int next;
      if (c == '[') {
        int close = p.indexOf(']', i + 2);
        if (close < 0 || p.charAt(i + 1) == '^' || !readClass(p.substring(i + 1, close), set)) {
          break;
        }
        next = close + 1;
      } else if (c == '\\' && i + 1 < p.length()) {
        char e = p.charAt(i + 1);
        if (e == 'd') {
          for (char d = '0'; d <= '9'; d++) {
            set[d] = true;
          }
        } else if (e == 's') {
          set[' '] = true;
          set['\t'] = true;
          set['\r'] = true;
          set['\n'] = true;
          set['\f'] = true;
        } else if (".-_/+~=:".indexOf(e) >= 0) {
          set[e] = true;
        } else {
          break;
        }
        next = i + 2;
      } else if (Character.isLetterOrDigit(c) || "_-~:/=".indexOf(c) >= 0) {
        set[c] = true;
        if (ignoreCase) {
          set[Character.toLowerCase(c)] = true;
          set[Character.toUpperCase(c)] = true;
        }
        next = i + 1;
      } else {
        break;
      }
      int min = 1;
      boolean stop = false;
      if (next < p.length()) {
        char q = p.charAt(next);
        if (q == '{') {
          int close = p.indexOf('}', next);
          String[] mm = p.substring(next + 1, close).split(",", -1);
          min = Integer.parseInt(mm[0]);
          boolean exact = mm.length == 1 || mm[1].equals(mm[0]);
          next = close + 1;
          stop = !exact;
        } else if (q == '?' || q == '*') {
          break;
        } else if (q == '+') {
          next++;
          stop = true;
        }
      }
      if (next < p.length() && p.charAt(next) == '?') {
        break; // lazy quantifier: keep it simple
      }
      if (next < p.length() && p.charAt(next) == '|') {
        break;
      }
      runs.add(new Run(set, ignoreCase, min));
      if (stop) {
        break;
      }
      i = next;
    }
    // An alternation anywhere at the top level makes the prefix optional: admit everything.
    if (topLevelAlternation(p)) {
      return ANY;
    }
    return new Shape(runs);
  }

  private static boolean topLevelAlternation(String p) {
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        if (c == ']') {
          inClass = false;
        }
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth <= 1) {
        return true;
      }
    }
    return false;
  }

  private static boolean readClass(String body, boolean[] set) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        if (i + 1 >= body.length()) {
          return false;
        }
        char e = body.charAt(++i);
        if (e == 'd') {
          for (char d = '0'; d <= '9'; d++) {
            set[d] = true;
          }
          continue;
        }
        if (Character.isLetterOrDigit(e)) {
          return false; // \s, \w and friends: not read here
        }
        c = e;
      }
      if (c >= 128) {
        return false;
      }
      if (i + 2 < body.length() && body.charAt(i + 1) == '-' && body.charAt(i + 2) != '\\') {
        char hi = body.charAt(i + 2);
        for (char x = c; x <= hi && x < 128; x++) {
          set[x] = true;
        }
        i += 2;
      } else {
        set[c] = true;
      }
    }
    return true;
  }
}
