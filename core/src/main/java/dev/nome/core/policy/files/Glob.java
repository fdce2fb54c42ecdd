package dev.nome.core.policy.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled glob over absolute paths, matched segment by segment: {@code *} and {@code ?} match
 * within one segment, a whole segment {@code **} matches any number of segments. A glob matches a
 * path when it matches the path or one of its ancestors, so a rule on a directory covers what is
 * inside. Matching is linear in (glob segments x path segments), whatever the glob.
 */
final class Glob {
  private static final String ANY_SEGMENTS = "**";

  private final String text;
  private final String[] segments;
  private final boolean skeleton;
  private final int literalPrefix;

  /**
   * @param absolute an absolute glob, {@code ~} already expanded
   * @param skeleton compare in {@link NameSkeleton} form (for protected names)
   */
  Glob(String absolute, boolean skeleton) {
    if (!absolute.startsWith("/")) {
      throw new IllegalArgumentException("not an absolute glob: " + absolute);
    }
    this.text = absolute;
    this.skeleton = skeleton;
    List<String> parts = new ArrayList<>();
    for (String s : absolute.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        parts.add(skeleton && !s.equals(ANY_SEGMENTS) ? NameSkeleton.of(s) : s);
      }
    }
    this.segments = parts.toArray(String[]::new);
    int n = 0;
    while (n < segments.length && !hasWildcard(segments[n])) {
      n++;
    }
    this.literalPrefix = n;
  }

  String text() {
    return text;
  }

  int segmentCount() {
    return segments.length;
  }

  String segment(int i) {
    return segments[i];
  }

  /** True when segment {@code i} holds no wildcard. */
  boolean isLiteral(int i) {
    return !hasWildcard(segments[i]);
  }

  /** The leading segments that hold no wildcard, joined as an absolute path. */
  String literalPrefix() {
    return "/" + String.join("/", java.util.Arrays.copyOf(segments, literalPrefix));
  }

  /**
   * The length of the shortest leading part of {@code path} (segment count) that this glob matches,
   * or -1 when it matches neither the path nor any ancestor.
   *
   * @param path the path's segments, in the form this glob compares ({@link NameSkeleton} for a
   *     skeleton glob)
   */
  int matchLength(String[] path) {
    int p = segments.length;
    int s = path.length;
    for (int i = 0; i < Math.min(literalPrefix, s); i++) {
      if (!segments[i].equals(path[i])) {
        return -1;
      }
    }
    if (s < literalPrefix) {
      return -1;
    }
    // reach[j]: glob segments [0, i) can match path segments [0, j).
    boolean[] reach = new boolean[s + 1];
    reach[literalPrefix] = true;
    for (int i = literalPrefix; i < p; i++) {
      boolean[] next = new boolean[s + 1];
      String g = segments[i];
      if (g.equals(ANY_SEGMENTS)) {
        boolean any = false;
        for (int j = 0; j <= s; j++) {
          any |= reach[j];
          next[j] = any;
        }
      } else {
        for (int j = 0; j < s; j++) {
          if (reach[j] && segmentMatches(g, path[j])) {
            next[j + 1] = true;
          }
        }
      }
      reach = next;
    }
    for (int j = 0; j <= s; j++) {
      if (reach[j]) {
        return j;
      }
    }
    return -1;
  }

  boolean usesSkeleton() {
    return skeleton;
  }

  static boolean hasWildcard(String segment) {
    return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
  }

  /** {@code *} and {@code ?} within one segment; greedy with backtracking to the last star. */
  static boolean segmentMatches(String glob, String name) {
    int g = 0;
    int n = 0;
    int star = -1;
    int mark = 0;
    while (n < name.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
        g++;
        n++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = n;
      } else if (star >= 0) {
        g = star + 1;
        n = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}
