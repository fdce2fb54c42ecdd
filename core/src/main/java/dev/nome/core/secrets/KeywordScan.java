package dev.nome.core.secrets;

import java.util.Arrays;

/**
 * Runs the keyword automaton over a stretch of the scrubber's buffer and lists, in text order,
 * where something happens: a keyword ends, or a line does. Everything else passes through the hot
 * loop untouched. Keeps the automaton's state between stretches, so text may arrive in any pieces.
 *
 * <p>Each character's step waits for the previous one (the next state depends on the last), so one
 * walk over the text is bounded by the latency of a table load. A newline sends the automaton to
 * the same state whatever came before, so a long stretch is cut at a newline near its middle and
 * both halves are walked at once, in one loop: the processor overlaps the two independent chains.
 * The second half's events are listed after the first's, exactly as one walk would list them.
 *
 * <p>Not thread-safe: one per writer.
 */
final class KeywordScan {

  /** Below this, a stretch is walked in one lane: cutting it costs more than it saves. */
  private static final int TWO_LANES = 256;

  private final int[] next;
  private final byte[] classOf;
  private final int first;
  private final int newline;
  private int state;

  // Events as (position << 32 | state), one list per lane.
  private long[] front = new long[16];
  private long[] back = new long[16];
  private int count;

  KeywordScan(KeywordIndex index) {
    this.next = index.table();
    this.classOf = index.classTable();
    this.first = index.firstReportingState();
    this.newline = index.newlineState();
    this.state = index.start();
  }

  /** Walks {@code b[from, to)}; returns how many events it found (see {@link #position}). */
  int scan(char[] b, int from, int to) {
    int mid = to - from < TWO_LANES ? -1 : cutAfterNewline(b, from + (to - from) / 2, from);
    if (mid < 0) {
      count = walk(b, from, to, front, 0, state, true);
      return count;
    }
    final int[] t = next;
    final byte[] cl = classOf;
    final int f = first;
    long[] ea = front;
    long[] eb = back;
    int na = 0;
    int nb = 0;
    int sa = state;
    int sb = newline; // what reading the newline at mid - 1 leaves, whatever came before
    int i = from;
    int j = mid;
    int steps = Math.min(mid - from, to - mid);
    for (int k = 0; k < steps; k++, i++, j++) {
      char ca = b[i];
      sa = t[sa + (ca < 128 ? cl[ca] : KeywordIndex.wide(cl, ca))];
      if (sa >= f) {
        if (na == ea.length) {
          ea = Arrays.copyOf(ea, na * 2);
        }
        ea[na++] = ((long) i << 32) | sa;
      }
      char cb = b[j];
      sb = t[sb + (cb < 128 ? cl[cb] : KeywordIndex.wide(cl, cb))];
      if (sb >= f) {
        if (nb == eb.length) {
          eb = Arrays.copyOf(eb, nb * 2);
        }
        eb[nb++] = ((long) j << 32) | sb;
      }
    }
    front = ea;
    back = eb;
    // The longer half goes on alone.
    na = walk(b, i, mid, front, na, sa, false);
    nb = walk(b, j, to, back, nb, sb, true);
    if (front.length < na + nb) {
      front = Arrays.copyOf(front, Math.max(front.length * 2, na + nb));
    }
    System.arraycopy(back, 0, front, na, nb);
    count = na + nb;
    return count;
  }

  /** One lane; {@code last}: its end state is where the next stretch starts. */
  private int walk(char[] b, int from, int to, long[] events, int n, int s, boolean last) {
    final int[] t = next;
    final byte[] cl = classOf;
    final int f = first;
    long[] ev = events;
    for (int i = from; i < to; i++) {
      char c = b[i];
      s = t[s + (c < 128 ? cl[c] : KeywordIndex.wide(cl, c))];
      if (s >= f) {
        if (n == ev.length) {
          ev = Arrays.copyOf(ev, n * 2);
        }
        ev[n++] = ((long) i << 32) | s;
      }
    }
    if (events == front) {
      front = ev;
    } else {
      back = ev;
    }
    if (last) {
      state = s;
    }
    return n;
  }

  /** The position right after the last newline in {@code [floor, at)}, or -1 if there is none. */
  private static int cutAfterNewline(char[] b, int at, int floor) {
    for (int i = at - 1; i >= floor; i--) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Where event {@code e} happened: the last character of a keyword, or a newline. */
  int position(int e) {
    return (int) (front[e] >>> 32);
  }

  /** The automaton's state at event {@code e}; see {@link KeywordIndex#rulesAt}. */
  int state(int e) {
    return (int) front[e];
  }

  boolean endsLine(int e) {
    return (int) front[e] == newline;
  }
}
