package dev.nome.core.risk;

import java.util.ArrayList;
import java.util.List;

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

  private final List<Rule> credential = new ArrayList<>();
  private final List<Rule> protectedRules = new ArrayList<>();
  private final List<Rule> scratch = new ArrayList<>();
  private final List<Rule> device = new ArrayList<>();
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
    switch (kind) {
      case CREDENTIAL -> credential.add(rule);
      case PROTECTED -> protectedRules.add(rule);
      case SCRATCH -> scratch.add(rule);
      case DEVICE -> device.add(rule);
      case ALLOW -> allow.add(rule);
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
    if (isAllowed(path)) {
      return null;
    }
    return first(credential, path);
  }

  /** The protected rule a write to this path would break. */
  Rule protectedRule(PathRef path) {
    return first(protectedRules, path);
  }

  /**
   * In a scratch directory. Changing one recursively must stay strictly below it: the directory
   * itself is shared with everyone else.
   */
  boolean isScratch(PathRef path, boolean recursive) {
    Rule r = first(scratch, path);
    return r != null
        && !path.recursive()
        && (!recursive || path.segments().size() > r.segments().size());
  }

  boolean isDevice(PathRef path) {
    return !path.recursive() && first(device, path) != null;
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

  private static Rule first(List<Rule> rules, PathRef path) {
    for (Rule r : rules) {
      if (matches(r, path)) {
        return r;
      }
    }
    return null;
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
