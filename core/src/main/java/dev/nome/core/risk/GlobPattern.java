package dev.nome.core.risk;

/**
 * Shell pattern matching for one path segment ({@code *}, {@code ?}, {@code [...]}), without
 * regular expressions. Like bash without {@code dotglob}, a leading {@code .} in the text is only
 * matched by a literal {@code .} in the pattern.
 */
final class GlobPattern {
  private GlobPattern() {}

  static boolean hasGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** True when the pattern matches the whole text. */
  static boolean matches(String pattern, String text) {
    if (text.startsWith(".") && !pattern.startsWith(".")) {
      return false;
    }
    return match(pattern, 0, text, 0, 0);
  }

  private static boolean match(String p, int pi, String t, int ti, int depth) {
    if (depth > 64) {
      return true; // too many stars to decide cheaply: assume it may match (fail closed)
    }
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = ti; k <= t.length(); k++) {
          if (match(p, pi, t, k, depth + 1)) {
            return true;
          }
        }
        return false;
      }
      if (ti >= t.length()) {
        return false;
      }
      if (c == '?') {
        pi++;
        ti++;
      } else if (c == '[') {
        int close = p.indexOf(']', pi + 2);
        if (close < 0) {
          if (t.charAt(ti) != '[') {
            return false;
          }
          pi++;
          ti++;
          continue;
        }
        if (!inClass(p, pi + 1, close, t.charAt(ti))) {
          return false;
        }
        pi = close + 1;
        ti++;
      } else {
        if (c != t.charAt(ti)) {
          return false;
        }
        pi++;
        ti++;
      }
    }
    return ti == t.length();
  }

  private static boolean inClass(String p, int from, int to, char ch) {
    boolean negate = from < to && (p.charAt(from) == '!' || p.charAt(from) == '^');
    int i = negate ? from + 1 : from;
    boolean found = false;
    while (i < to) {
      char a = p.charAt(i);
      if (i + 2 < to && p.charAt(i + 1) == '-') {
        if (ch >= a && ch <= p.charAt(i + 2)) {
          found = true;
        }
        i += 3;
      } else {
        if (ch == a) {
          found = true;
        }
        i++;
      }
    }
    return found != negate;
  }

  /**
   * True when some name could match both: used to ask whether a pattern written in a command can
   * name a file a rule protects. When both sides hold pattern characters the answer is approximate
   * and leans towards yes.
   */
  static boolean overlap(String a, String b) {
    boolean ga = hasGlob(a);
    boolean gb = hasGlob(b);
    if (!ga && !gb) {
      return a.equals(b);
    }
    if (a.startsWith(".") != b.startsWith(".")) {
      return false; // without dotglob a pattern matches a leading dot only when it writes one
    }
    if (ga && !gb) {
      return matches(a, b);
    }
    if (!ga) {
      return matches(b, a);
    }
    String pa = literalPrefix(a);
    String pb = literalPrefix(b);
    String sa = literalSuffix(a);
    String sb = literalSuffix(b);
    boolean engaged = (!pa.isEmpty() && !pb.isEmpty()) || (!sa.isEmpty() && !sb.isEmpty());
    return engaged
        && (pa.startsWith(pb) || pb.startsWith(pa))
        && (sa.endsWith(sb) || sb.endsWith(sa));
  }

  static String literalSuffix(String s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == ']') {
        return s.substring(i + 1);
      }
    }
    return s;
  }

  static String literalPrefix(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return s.substring(0, i);
      }
    }
    return s;
  }
}
