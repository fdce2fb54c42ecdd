package dev.nome.core.policy.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the protected-location guards worth matching against a path, so that a check does not run
 * every one of them: a guard under a home directory ({@code ~/.ssh}) is only a candidate for paths
 * whose segment right below that home is the guard's (in skeleton form); every other guard (such as
 * {@code /**}{@code /.env}) is always a candidate. Only an optimisation: the guards it returns are
 * then matched in full.
 */
final class GuardIndex<G> {

  private final List<G> guards;
  private final List<String[]> homes;
  private final boolean[] anywhere;
  private final Map<String, List<Integer>> byHomeChild = new HashMap<>();

  /**
   * @param guards the guards, in the order candidates are returned
   * @param globs each guard's globs (same order as guards), in skeleton form
   */
  GuardIndex(List<G> guards, List<List<Glob>> globs, Set<Path> homes) {
    this.guards = List.copyOf(guards);
    this.homes = new ArrayList<>();
    for (Path h : homes) {
      String[] segs = FileGateway.segments(h.toString());
      for (int i = 0; i < segs.length; i++) {
        segs[i] = NameSkeleton.of(segs[i]);
      }
      this.homes.add(segs);
    }
    this.anywhere = new boolean[guards.size()];
    for (int i = 0; i < guards.size(); i++) {
      for (Glob g : globs.get(i)) {
        String key = homeChildKey(g);
        if (key == null) {
          anywhere[i] = true;
        } else {
          byHomeChild.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
      }
    }
  }

  /** The guards that may match {@code a} or {@code b} (paths in skeleton form), in order. */
  List<G> candidates(String[] a, String[] b) {
    boolean[] pick = anywhere.clone();
    mark(a, pick);
    mark(b, pick);
    List<G> out = new ArrayList<>();
    for (int i = 0; i < pick.length; i++) {
      if (pick[i]) {
        out.add(guards.get(i));
      }
    }
    return out;
  }

  private void mark(String[] path, boolean[] pick) {
    for (int h = 0; h < homes.size(); h++) {
      String[] home = homes.get(h);
      if (path.length > home.length && startsWith(path, home)) {
        List<Integer> hits = byHomeChild.get(h + "/" + path[home.length]);
        if (hits != null) {
          for (int i : hits) {
            pick[i] = true;
          }
        }
      }
    }
  }

  private String homeChildKey(Glob g) {
    for (int h = 0; h < homes.size(); h++) {
      String[] home = homes.get(h);
      if (g.segmentCount() > home.length && g.isLiteral(home.length)) {
        boolean prefix = true;
        for (int i = 0; i < home.length && prefix; i++) {
          prefix = g.segment(i).equals(home[i]);
        }
        if (prefix) {
          return h + "/" + g.segment(home.length);
        }
      }
    }
    return null;
  }

  private static boolean startsWith(String[] path, String[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (!path[i].equals(prefix[i])) {
        return false;
      }
    }
    return true;
  }
}
