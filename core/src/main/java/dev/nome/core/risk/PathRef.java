package dev.nome.core.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * A path as a command names it, normalized lexically: where it is anchored and its segments after
 * removing {@code .}, empty segments and {@code ..} (symlinks are the file gateway's business).
 * Segments may hold glob characters; a last segment {@code **} stands for anything below.
 */
record PathRef(Anchor anchor, List<String> segments) {

  /** Where a path starts. */
  enum Anchor {
    /** Relative to the workspace (the working directory was not moved out of it). */
    WORKSPACE,
    /** Under a home directory ({@code ~}, {@code ~user}, {@code $HOME}, {@code /home/u}). */
    HOME,
    /** An absolute path outside the workspace and outside homes. */
    ROOT,
    /** Somewhere we cannot name (above the workspace, or after {@code cd} to an unknown place). */
    UNKNOWN
  }

  static final String ANY_BELOW = "**";

  /** The workspace root itself. */
  static final PathRef WORKSPACE_ROOT = new PathRef(Anchor.WORKSPACE, List.of());

  boolean recursive() {
    return !segments.isEmpty() && segments.get(segments.size() - 1).equals(ANY_BELOW);
  }

  /** True when it is the workspace or inside it. */
  boolean inWorkspace() {
    return anchor == Anchor.WORKSPACE;
  }

  /** This path with {@code **} appended: the path and anything below it. */
  PathRef andBelow() {
    if (recursive()) {
      return this;
    }
    List<String> s = new ArrayList<>(segments);
    s.add(ANY_BELOW);
    return new PathRef(anchor, List.copyOf(s));
  }

  @Override
  public String toString() {
    String body = String.join("/", segments);
    return switch (anchor) {
      case WORKSPACE -> body.isEmpty() ? "." : body;
      case HOME -> body.isEmpty() ? "~" : "~/" + body;
      case ROOT -> "/" + body;
      case UNKNOWN -> body.isEmpty() ? "?" : "?/" + body;
    };
  }

  /**
   * Normalizes a path as written ({@code text}), relative to a working directory ({@code cwd}, null
   * for the workspace root).
   *
   * @param workspace the workspace's absolute path without a trailing slash, or null if unknown
   */
  static PathRef of(String text, PathRef cwd, String workspace) {
    Anchor anchor;
    int from;
    if (text.startsWith("~")) {
      int slash = text.indexOf('/');
      String user = slash < 0 ? text.substring(1) : text.substring(1, slash);
      from = slash < 0 ? text.length() : slash + 1;
      if (user.equals("+")) {
        return resolve(cwd, text.substring(from));
      }
      if (user.equals("-")) {
        return new PathRef(Anchor.UNKNOWN, split(text.substring(from), new ArrayList<>()));
      }
      return new PathRef(Anchor.HOME, collapse(text.substring(from), new ArrayList<>(), true));
    }
    if (text.startsWith("/")) {
      if (workspace != null
          && text.startsWith(workspace)
          && (text.length() == workspace.length() || text.charAt(workspace.length()) == '/')) {
        List<String> segs = collapse(text.substring(workspace.length()), new ArrayList<>(), false);
        if (segs != null) {
          return new PathRef(Anchor.WORKSPACE, segs);
        }
        return new PathRef(Anchor.UNKNOWN, List.of());
      }
      List<String> segs = collapse(text, new ArrayList<>(), true);
      if (segs.size() >= 2 && (segs.get(0).equals("home") || segs.get(0).equals("Users"))) {
        return new PathRef(Anchor.HOME, List.copyOf(segs.subList(2, segs.size())));
      }
      if (!segs.isEmpty() && segs.get(0).equals("root")) {
        return new PathRef(Anchor.HOME, List.copyOf(segs.subList(1, segs.size())));
      }
      anchor = Anchor.ROOT;
      return new PathRef(anchor, segs);
    }
    return resolve(cwd, text);
  }

  private static PathRef resolve(PathRef cwd, String rel) {
    PathRef base = cwd == null ? WORKSPACE_ROOT : cwd;
    List<String> segs = new ArrayList<>(base.segments);
    boolean rooted = base.anchor != Anchor.WORKSPACE;
    List<String> out = collapse(rel, segs, rooted);
    if (out == null) {
      return new PathRef(Anchor.UNKNOWN, split(rel, new ArrayList<>()));
    }
    return new PathRef(base.anchor, out);
  }

  /**
   * Appends the segments of {@code text} to {@code segs}, applying {@code ..}; returns null when a
   * {@code ..} climbs above the start and {@code clampAtRoot} is false.
   */
  private static List<String> collapse(String text, List<String> segs, boolean clampAtRoot) {
    int i = 0;
    int n = text.length();
    while (i <= n) {
      int j = text.indexOf('/', i);
      if (j < 0) {
        j = n;
      }
      if (j > i) {
        String seg = text.substring(i, j);
        if (seg.equals("..")) {
          if (segs.isEmpty()) {
            if (!clampAtRoot) {
              return null;
            }
          } else {
            segs.remove(segs.size() - 1);
          }
        } else if (!seg.equals(".")) {
          segs.add(seg);
        }
      }
      i = j + 1;
    }
    return List.copyOf(segs);
  }

  private static List<String> split(String text, List<String> segs) {
    for (String s : text.split("/")) {
      if (!s.isEmpty() && !s.equals(".") && !s.equals("..")) {
        segs.add(s);
      }
    }
    return List.copyOf(segs);
  }
}
