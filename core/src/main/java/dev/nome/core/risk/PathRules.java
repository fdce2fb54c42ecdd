package dev.nome.core.risk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The path rules of the knowledge file: credential files (reading or writing them is danger),
 * protected files (writing them is danger), scratch places outside the workspace that are fine to
 * write, devices that are fine to use, and allowed names that no credential rule covers.
 */
final class PathRules {

  enum Kind {
    CREDENTIAL,
    PROTECTED,
    SCRATCH,
    DEVICE,
    ALLOW
  }

  /** One rule: anchored at a home, at the root, or matching a name at any depth. */
  record Rule(Kind kind, PathRef.Anchor anchor, List<String> segments, String text) {
    boolean anywhere() {
      return anchor == PathRef.Anchor.UNKNOWN;
    }
  }

  private final RuleSet credential = new RuleSet();
  private final RuleSet protectedRules = new RuleSet();
  private final RuleSet scratch = new RuleSet();
  private final RuleSet device = new RuleSet();
  private final List<Rule> allow = new ArrayList<>();

  void add(Kind kind, String text) {
    Rule rule;
    if (text.startsWith("**/")) {
      rule = new Rule(kind, PathRef.Anchor.UNKNOWN, segments(text.substring(3)), text);
    } else if (text.startsWith("~/")) {
      rule = new Rule(kind, PathRef.Anchor.HOME, segments(text.substring(2)), text);
    } else if (text.startsWith("/")) {
      rule = new Rule(kind, PathRef.Anchor.ROOT, segments(text.substring(1)), text);
    } else {
      throw new IllegalArgumentException(
          "a path rule starts with ~/, / or **/ (got '" + text + "')");
    }
    if (rule.segments().isEmpty()) {
      throw new IllegalArgumentException("a path rule names at least one segment: " + text);
    }
    switch (kind) {
      case CREDENTIAL -> credential.add(rule);
      case PROTECTED -> protectedRules.add(rule);
      case SCRATCH -> scratch.add(rule);
      case DEVICE -> device.add(rule);
      case ALLOW -> allow.add(rule);
    }
  }

  /**
   * The rules of one kind, indexed so that a path with literal segments is checked with a few hash
   * lookups instead of a pass over every rule (the classifier does this for most arguments).
   */
  private static final class RuleSet {
    private final List<Rule> anchored = new ArrayList<>();
    private final Map<String, List<Rule>> byFirst = new HashMap<>();
    private final List<Rule> globFirst = new ArrayList<>();
    private final Map<String, Rule> names = new HashMap<>();
    private final List<Rule> globNames = new ArrayList<>();
    private final List<String> globPrefix = new ArrayList<>();
    private final List<String> globSuffix = new ArrayList<>();
    // which first and last characters a name must have to match some pattern rule: most path
    // segments match none, and skip the pattern loop
    private final Object[] byPrefixChar = new Object[128];
    private final Object[] bySuffixChar = new Object[128];
    private final List<Rule> unindexedGlobs = new ArrayList<>();
    private final List<Rule> multiNames = new ArrayList<>();
    private final List<Rule> singleNames = new ArrayList<>();

    void add(Rule r) {
      if (r.anywhere()) {
        if (r.segments().size() > 1) {
          multiNames.add(r);
        } else {
          singleNames.add(r);
          String name = r.segments().get(0);
          if (GlobPattern.hasGlob(name)) {
            globNames.add(r);
            String prefix = GlobPattern.literalPrefix(name);
            String suffix = GlobPattern.literalSuffix(name);
            globPrefix.add(prefix);
            globSuffix.add(suffix);
            if (!prefix.isEmpty() && prefix.charAt(0) < 128) {
              byPrefixChar[prefix.charAt(0)] = r;
            } else if (!suffix.isEmpty() && suffix.charAt(suffix.length() - 1) < 128) {
              bySuffixChar[suffix.charAt(suffix.length() - 1)] = r;
            } else {
              unindexedGlobs.add(r);
            }
          } else {
            names.putIfAbsent(name, r);
          }
        }
      } else {
        anchored.add(r);
        String first = r.segments().get(0);
        if (GlobPattern.hasGlob(first)) {
          globFirst.add(r);
        } else {
          byFirst.computeIfAbsent(first, k -> new ArrayList<>()).add(r);
        }
      }
    }

    Rule first(PathRef path) {
      List<String> segs = path.segments();
      int n = segs.size();
      for (int k = 0; k < n; k++) {
        String s = segs.get(k);
        if (s.equals(PathRef.ANY_BELOW) || isBareWildcard(s)) {
          continue;
        }
        if (!GlobPattern.hasGlob(s)) {
          Rule r = names.get(s);
          if (r != null) {
            return r;
          }
          int i0 = s.isEmpty() ? -1 : s.charAt(0);
          int i1 = s.isEmpty() ? -1 : s.charAt(s.length() - 1);
          if ((i0 >= 0 && (i0 >= 128 || byPrefixChar[i0] != null))
              || (i1 >= 0 && (i1 >= 128 || bySuffixChar[i1] != null))
              || !unindexedGlobs.isEmpty()) {
            for (int i = 0; i < globNames.size(); i++) {
              Rule g = globNames.get(i);
              if (s.startsWith(globPrefix.get(i))
                  && s.endsWith(globSuffix.get(i))
                  && GlobPattern.matches(g.segments().get(0), s)) {
                return g;
              }
            }
          }
        } else {
          for (Rule g : singleNames) {
            if (GlobPattern.overlap(s, g.segments().get(0))) {
              return g;
            }
          }
        }
        for (Rule m : multiNames) {
          if (k + m.segments().size() <= n && anywhereAt(m.segments(), segs, k)) {
            return m;
          }
        }
      }
      if (n == 0
          || path.anchor() == PathRef.Anchor.WORKSPACE
          || path.anchor() == PathRef.Anchor.UNKNOWN) {
        return null;
      }
      String s0 = segs.get(0);
      if (!s0.equals(PathRef.ANY_BELOW) && !GlobPattern.hasGlob(s0)) {
        List<Rule> list = byFirst.get(s0);
        if (list != null) {
          for (Rule r : list) {
            if (matches(r, path)) {
              return r;
            }
          }
        }
        for (Rule r : globFirst) {
          if (matches(r, path)) {
            return r;
          }
        }
        return null;
      }
      for (Rule r : anchored) {
        if (matches(r, path)) {
          return r;
        }
      }
      return null;
    }
  }

  private static List<String> segments(String s) {
    List<String> out = new ArrayList<>();
    for (String seg : s.split("/")) {
      if (!seg.isEmpty()) {
        out.add(seg);
      }
    }
    return List.copyOf(out);
  }

  /** The credential rule the path falls under (or, for {@code dir/**}, that lies below it). */
  Rule credential(PathRef path) {
    Rule r = credential.first(path);
    return r == null || isAllowed(path) ? null : r;
  }

  /** The protected rule a write to this path would break. */
  Rule protectedRule(PathRef path) {
    return protectedRules.first(path);
  }

  /**
   * In a scratch directory. Changing one recursively must stay strictly below it: the directory
   * itself is shared with everyone else.
   */
  boolean isScratch(PathRef path, boolean recursive) {
    Rule r = scratch.first(path);
    return r != null
        && !path.recursive()
        && (!recursive || path.segments().size() > r.segments().size());
  }

  boolean isDevice(PathRef path) {
    return !path.recursive() && device.first(path) != null;
  }

  /** True for a path under /dev (or /proc/.../fd) that is not one of the harmless devices. */
  boolean isOtherDevice(PathRef path) {
    return path.anchor() == PathRef.Anchor.ROOT
        && !path.segments().isEmpty()
        && path.segments().get(0).equals("dev")
        && !isDevice(path);
  }

  private boolean isAllowed(PathRef path) {
    if (path.segments().isEmpty() || path.recursive()) {
      return false;
    }
    String last = path.segments().get(path.segments().size() - 1);
    if (GlobPattern.hasGlob(last)) {
      return false;
    }
    for (Rule r : allow) {
      if (r.anywhere() && GlobPattern.matches(r.segments().get(0), last)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A name rule matched at segment {@code k}. A directory read recursively ({@code **}) may hold
   * such a file anywhere; that is judged by where the directory is (anchored rules), not here, or
   * every {@code grep -r} would match. A bare wildcard segment ({@code *}) is not taken to name a
   * credential file either: it matches whatever is there, and counting it would make every {@code
   * cat *} dangerous.
   */
  private static boolean anywhereAt(List<String> names, List<String> segs, int k) {
    for (int j = 0; j < names.size(); j++) {
      String s = segs.get(k + j);
      if (s.equals(PathRef.ANY_BELOW)
          || isBareWildcard(s)
          || !GlobPattern.overlap(s, names.get(j))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBareWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '*' && c != '?') {
        return false;
      }
    }
    return true;
  }

  static boolean matches(Rule r, PathRef path) {
    List<String> segs = path.segments();
    if (r.anywhere()) {
      List<String> names = r.segments();
      for (int k = 0; k + names.size() <= segs.size(); k++) {
        if (anywhereAt(names, segs, k)) {
          return true;
        }
      }
      return false;
    }
    if (r.anchor() != path.anchor()) {
      return false;
    }
    List<String> rs = r.segments();
    for (int i = 0; i < rs.size(); i++) {
      if (i >= segs.size()) {
        return false; // the path is above the rule: only a recursive path reaches it
      }
      String s = segs.get(i);
      if (s.equals(PathRef.ANY_BELOW)) {
        return true;
      }
      if (!GlobPattern.overlap(s, rs.get(i))) {
        return false;
      }
    }
    return true;
  }
}
