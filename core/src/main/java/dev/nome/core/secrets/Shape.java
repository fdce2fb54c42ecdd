package dev.nome.core.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * A cheap necessary condition for an anchored rule, read off the start of its pattern: the literal
 * text and the character-class runs it begins with ({@code ghp_[A-Za-z0-9]{36}} needs "ghp_" and
 * then 36 characters of the class). A keyword whose text cannot satisfy it never reaches RE2/J,
 * which keeps dense keywords (crafted input, or "sk-" inside "task-runner") cheap. It only ever
 * rejects what the pattern would reject too; anything it cannot read it admits.
 *
 * <p>An open run ({@code +}, {@code *}, {@code {n,}}) is followed only when the next element cannot
 * match any character of the run ({@code ://[^\s/:@'"]*:} in URLs): the run must then end exactly
 * where its characters do, so checking what follows stays exact. This is what turns away the many
 * URLs without a password in build logs before RE2/J sees them.
 */
final class Shape {

  static final Shape ANY = new Shape(List.of());

  /**
   * For {@code name = value} rules: a name, a separator, then a value of six characters or more.
   */
  static final Shape ASSIGNMENT = new Shape(List.of());

  private static final String VALUE_STOP = " \t\r\n\"'`,;&<>(){}[]|\\";

  /**
   * One element: a set of ASCII characters (or, when {@code negated}, everything outside one) that
   * must occur at least {@code min} times in a row; an {@code open} run takes all that follow.
   */
  private record Run(boolean[] chars, boolean negated, boolean ignoreCase, int min, boolean open) {

    /** 1: the character is in the set; 0: it is not; -1: it is not ASCII, so cannot tell here. */
    int test(char c) {
      if (c >= 128) {
        // Case folding maps some non-ASCII letters onto ASCII ones (the Kelvin sign onto k).
        return ignoreCase ? -1 : negated ? 1 : 0;
      }
      boolean in = chars[c] || ignoreCase && chars[Character.toLowerCase(c)];
      return in != negated ? 1 : 0;
    }

    /** Whether some character is in both sets (any non-ASCII one counts when both take them). */
    boolean overlaps(Run o) {
      if (ignoreCase || o.ignoreCase || negated && o.negated) {
        return true;
      }
      for (int c = 0; c < 128; c++) {
        if (chars[c] != negated && o.chars[c] != o.negated) {
          return true;
        }
      }
      return false;
    }
  }

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
      int k = 0;
      while ((k < run.min || run.open) && i < end) {
        int t = run.test(b[i]);
        if (t < 0) {
          return true;
        }
        if (t == 0) {
          break;
        }
        i++;
        k++;
      }
      if (k < run.min) {
        return false;
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
    if (i < limit && b[i] >= 128) {
      return true; // (?i)[a-z] also takes letters that fold onto ASCII ones (the Kelvin sign)
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
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '(' || c == ')') {
        // A plain group changes nothing about which characters must come, unless it is repeated,
        // optional or holds an alternation.
        int inner = c == ')' ? i + 1 : enterGroup(p, i);
        if (inner < 0 || c == ')' && isQuantifier(p, i + 1)) {
          break;
        }
        i = inner;
        continue;
      }
      boolean[] set = new boolean[128];
      boolean negated = false;
      int next;
      if (c == '[') {
        int close = classEnd(p, i);
        negated = close > 0 && p.charAt(i + 1) == '^';
        if (close < 0 || !readClass(p.substring(i + (negated ? 2 : 1), close), set)) {
          break;
        }
        next = close + 1;
      } else if (c == '\\' && i + 1 < p.length()) {
        if (!readEscape(p.charAt(i + 1), set)) {
          break;
        }
        next = i + 2;
      } else if (Character.isLetterOrDigit(c) && c < 128 || "_-~:/=@".indexOf(c) >= 0) {
        set[c] = true;
        next = i + 1;
      } else {
        break;
      }
      if (ignoreCase) {
        for (char x = 'a'; x <= 'z'; x++) {
          set[x] |= set[Character.toUpperCase(x)];
          set[Character.toUpperCase(x)] = set[x];
        }
      }
      int min = 1;
      boolean open = false;
      if (next < p.length()) {
        char q = p.charAt(next);
        if (q == '{') {
          int close = p.indexOf('}', next);
          String[] mm = p.substring(next + 1, close).split(",", -1);
          min = Integer.parseInt(mm[0]);
          open = mm.length == 2 && mm[1].isEmpty();
          if (mm.length == 2 && !open && !mm[1].equals(mm[0])) {
            break; // {n,m}: where the run ends depends on what follows; not read here
          }
          next = close + 1;
        } else if (q == '?') {
          break;
        } else if (q == '*' || q == '+') {
          min = q == '+' ? 1 : 0;
          open = true;
          next++;
        }
      }
      if (next < p.length() && p.charAt(next) == '?') {
        break; // lazy quantifier: keep it simple
      }
      if (next < p.length() && p.charAt(next) == '|') {
        break;
      }
      runs.add(new Run(set, negated, ignoreCase, min, open));
      i = next;
    }
    // An alternation anywhere at the top level makes the prefix optional: admit everything.
    if (topLevelAlternation(p)) {
      return ANY;
    }
    return new Shape(exactPrefix(runs));
  }

  /**
   * Keeps the runs up to the first open one whose end is not fixed by what follows: the next run
   * must take at least one character, none of which the open run could take.
   */
  private static List<Run> exactPrefix(List<Run> runs) {
    for (int r = 0; r < runs.size() - 1; r++) {
      Run run = runs.get(r);
      Run after = runs.get(r + 1);
      if (run.open && (after.min < 1 || run.overlaps(after))) {
        return runs.subList(0, r + 1);
      }
    }
    return runs;
  }

  /** Where a group's content starts, or -1 for a group that is not a plain one (see above). */
  private static int enterGroup(String p, int i) {
    int inner;
    if (p.startsWith("(?:", i)) {
      inner = i + 3;
    } else if (p.startsWith("(?", i)) {
      return -1;
    } else {
      inner = i + 1;
    }
    int depth = 0;
    for (int j = i; j < p.length(); j++) {
      char c = p.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        j = classEnd(p, j);
        if (j < 0) {
          return -1;
        }
      } else if (c == '|') {
        return -1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return isQuantifier(p, j + 1) ? -1 : inner;
      }
    }
    return -1;
  }

  private static boolean isQuantifier(String p, int i) {
    return i < p.length() && "?*+{".indexOf(p.charAt(i)) >= 0;
  }

  /** The index of the {@code ]} closing the class that opens at {@code i}, or -1. */
  private static int classEnd(String p, int i) {
    int j = i + 1;
    if (j < p.length() && p.charAt(j) == '^') {
      j++;
    }
    if (j < p.length() && p.charAt(j) == ']') {
      return -1; // a literal ] first: not read here
    }
    for (; j < p.length(); j++) {
      char c = p.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        return -1; // [:alpha:] and friends: not read here
      } else if (c == ']') {
        return j;
      }
    }
    return -1;
  }

  /** An escape outside a class: \d, \s or an escaped punctuation character. */
  private static boolean readEscape(char e, boolean[] set) {
    if (e == 'd') {
      for (char d = '0'; d <= '9'; d++) {
        set[d] = true;
      }
    } else if (e == 's') {
      whitespace(set);
    } else if (".-_/+~=:@".indexOf(e) >= 0) {
      set[e] = true;
    } else {
      return false;
    }
    return true;
  }

  /** What RE2 means by \s: ASCII space, tab, newline, form feed and carriage return. */
  private static void whitespace(boolean[] set) {
    set[' '] = true;
    set['\t'] = true;
    set['\r'] = true;
    set['\n'] = true;
    set['\f'] = true;
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
        if (e == 's') {
          whitespace(set);
          continue;
        }
        if (Character.isLetterOrDigit(e)) {
          return false; // \w, \S and friends: not read here
        }
        c = e;
      }
      if (c >= 128) {
        return false;
      }
      if (i + 2 < body.length() && body.charAt(i + 1) == '-' && body.charAt(i + 2) != '\\') {
        char hi = body.charAt(i + 2);
        if (hi >= 128) {
          return false;
        }
        for (char x = c; x <= hi; x++) {
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
