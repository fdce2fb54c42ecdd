package dev.nome.core.secrets;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The matches the rules found on one stretch of text, before overlapping ones are merged and
 * redacted: for each, its rule, where the whole match and the secret in it start and end, and
 * whether it counts. Arrays grow as needed and are reused from stretch to stretch.
 *
 * <p>Not thread-safe: one per writer.
 */
final class Candidates {

  private int[] rule = new int[8];
  private int[] matchStart = new int[8];
  private int[] matchEnd = new int[8];
  private int[] start = new int[8];
  private int[] end = new int[8];
  private boolean[] accepted = new boolean[8];
  private Integer[] order = new Integer[8];
  private int[] pending = new int[8];
  private int pendingCount;
  private int count;

  void clear() {
    count = 0;
    pendingCount = 0;
  }

  int count() {
    return count;
  }

  /**
   * Adds a match; a glued one (its keyword follows a letter or digit) waits for {@link
   * #acceptGlued}.
   */
  void add(int r, int ms, int me, int ss, int se, boolean glued) {
    if (count == rule.length) {
      int n = count * 2;
      accepted = Arrays.copyOf(accepted, n);
      rule = Arrays.copyOf(rule, n);
      matchStart = Arrays.copyOf(matchStart, n);
      matchEnd = Arrays.copyOf(matchEnd, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
    }
    rule[count] = r;
    matchStart[count] = ms;
    matchEnd[count] = me;
    start[count] = ss;
    end[count] = se;
    accepted[count] = !glued;
    if (glued) {
      if (pendingCount == pending.length) {
        pending = Arrays.copyOf(pending, pendingCount * 2);
      }
      pending[pendingCount++] = count;
    }
    count++;
  }

  int rule(int c) {
    return rule[c];
  }

  int matchStart(int c) {
    return matchStart[c];
  }

  int matchEnd(int c) {
    return matchEnd[c];
  }

  int start(int c) {
    return start[c];
  }

  int end(int c) {
    return end[c];
  }

  boolean accepted(int c) {
    return accepted[c];
  }

  /** The {@code i}-th candidate in the order of the last sort. */
  int inOrder(int i) {
    return order[i];
  }

  /** Orders candidates by where their whole match starts, longest first, then by rule order. */
  void sortByMatch() {
    sortBy(matchStart, matchEnd);
  }

  /** Orders candidates by where their secret starts, longest first, then by rule order. */
  void sortBySecret() {
    sortBy(start, end);
  }

  private void sortBy(int[] starts, int[] ends) {
    if (order.length < count) {
      order = new Integer[rule.length];
    }
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        0,
        count,
        (a, b) -> {
          if (starts[a] != starts[b]) {
            return Integer.compare(starts[a], starts[b]);
          }
          if (ends[a] != ends[b]) {
            return Integer.compare(ends[b], ends[a]);
          }
          return Integer.compare(rule[a], rule[b]);
        });
  }

  /**
   * A token glued to the end of another secret ({@code AIza...sk-ant-...}) fails its boundary
   * check, yet once the first secret is redacted it follows a {@code ]}. Accept such matches too,
   * so that scrubbing the output again changes nothing.
   */
  void acceptGlued() {
    if (pendingCount == 0) {
      return;
    }
    // Positions inside or right at the end of an accepted candidate.
    BitSet covered = new BitSet();
    for (int c = 0; c < count; c++) {
      if (accepted[c]) {
        covered.set(start[c], end[c] + 1);
      }
    }
    // In text order, so that a chain of glued tokens is accepted link by link.
    long[] byStart = new long[pendingCount];
    for (int i = 0; i < pendingCount; i++) {
      byStart[i] = ((long) matchStart[pending[i]] << 32) | pending[i];
    }
    Arrays.sort(byStart);
    for (int i = 0; i < pendingCount; i++) {
      int c = (int) byStart[i];
      if (covered.get(matchStart[c])) {
        accepted[c] = true;
        covered.set(start[c], end[c] + 1);
      }
    }
  }
}
