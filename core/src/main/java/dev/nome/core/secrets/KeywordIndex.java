package dev.nome.core.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword prefilter: an Aho-Corasick automaton compiled to a dense table over ASCII, matched
 * case-insensitively. Scanning costs one table lookup per character; only characters that end a
 * keyword (or a line) leave the hot loop.
 *
 * <p>States are numbered so that every state that ends a keyword comes after {@link
 * #firstReportingState()}, and a newline moves to the extra state {@link #newlineState()}, which is
 * the last of all: the scanner tests one integer comparison per character. A state is held as its
 * row's offset in the table (its number times the number of classes), so a step is one add and one
 * load: the multiply would otherwise sit on the chain every character waits for.
 */
final class KeywordIndex {

  /** A keyword that ends at the current character: which rule it belongs to and its length. */
  record Hit(int rule, int length) {}

  private final int classes;
  private final byte[] classOf;
  private final int[] next;
  private final int firstReporting;
  private final int newline;
  private final int[][] hitRules;
  private final int[][] hitLengths;

  private KeywordIndex(
      int classes,
      byte[] classOf,
      int[] next,
      int firstReporting,
      int newline,
      int[][] hitRules,
      int[][] hitLengths) {
    this.classes = classes;
    this.classOf = classOf;
    this.next = next;
    this.firstReporting = firstReporting;
    this.newline = newline;
    this.hitRules = hitRules;
    this.hitLengths = hitLengths;
  }

  /** Builds the automaton; {@code keywords.get(r)} are the keywords of rule {@code r}. */
  static KeywordIndex build(List<List<String>> keywords) {
    // Alphabet: one class per distinct (lower-cased) keyword character, class 0 for the rest,
    // and a last class for '\n'.
    byte[] classOf = new byte[128];
    int classes = 1;
    for (List<String> ks : keywords) {
      for (String k : ks) {
        for (char c : k.toCharArray()) {
          if (c >= 128 || c == '\n') {
            throw new IllegalArgumentException("keywords must be ASCII without newlines: " + k);
          }
          char lower = Character.toLowerCase(c);
          if (classOf[lower] == 0) {
            if (classes >= 126) {
              throw new IllegalArgumentException("too many distinct keyword characters");
            }
            classOf[lower] = (byte) classes++;
            char upper = Character.toUpperCase(lower);
            classOf[upper] = classOf[lower];
          }
        }
      }
    }
    int newlineClass = classes++;
    classOf['\n'] = (byte) newlineClass;

    // Trie.
    List<int[]> goTo = new ArrayList<>();
    List<List<int[]>> out = new ArrayList<>();
    goTo.add(filled(classes));
    out.add(new ArrayList<>());
    for (int r = 0; r < keywords.size(); r++) {
      for (String k : keywords.get(r)) {
        if (k.isEmpty()) {
          throw new IllegalArgumentException("empty keyword");
        }
        int s = 0;
        for (char c : k.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
          int cl = classOf[c];
          if (goTo.get(s)[cl] < 0) {
            goTo.get(s)[cl] = goTo.size();
            goTo.add(filled(classes));
            out.add(new ArrayList<>());
          }
          s = goTo.get(s)[cl];
        }
        out.get(s).add(new int[] {r, k.length()});
      }
    }
    int n = goTo.size();
    // Failure links, breadth first, completing the table into a DFA.
    int[] fail = new int[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int cl = 0; cl < classes; cl++) {
      int t = goTo.get(0)[cl];
      if (t < 0) {
        goTo.get(0)[cl] = 0;
      } else {
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int cl = 0; cl < classes; cl++) {
        int t = goTo.get(s)[cl];
        if (t < 0) {
          goTo.get(s)[cl] = goTo.get(fail[s])[cl];
        } else {
          fail[t] = goTo.get(fail[s])[cl];
          queue.add(t);
        }
      }
    }
    // Renumber: silent states first, reporting states after, the newline state last.
    int[] order = new int[n];
    int idx = 0;
    for (int s = 0; s < n; s++) {
      if (out.get(s).isEmpty()) {
        order[s] = idx++;
      }
    }
    int firstReporting = idx;
    for (int s = 0; s < n; s++) {
      if (!out.get(s).isEmpty()) {
        order[s] = idx++;
      }
    }
    int newline = idx;
    int total = n + 1;
    int[] next = new int[total * classes];
    int[][] hitRules = new int[total][];
    int[][] hitLengths = new int[total][];
    for (int s = 0; s < n; s++) {
      int ns = order[s];
      for (int cl = 0; cl < classes; cl++) {
        int to = cl == newlineClass ? newline : order[goTo.get(s)[cl]];
        next[ns * classes + cl] = to * classes;
      }
      // Keep one entry per (rule, length).
      Map<Long, int[]> unique = new HashMap<>();
      for (int[] h : out.get(s)) {
        unique.putIfAbsent(((long) h[0] << 32) | h[1], h);
      }
      int[] rules = new int[unique.size()];
      int[] lengths = new int[unique.size()];
      int i = 0;
      for (int[] h : unique.values()) {
        rules[i] = h[0];
        lengths[i] = h[1];
        i++;
      }
      hitRules[ns] = rules;
      hitLengths[ns] = lengths;
    }
    // From the newline state, everything behaves as from the root.
    for (int cl = 0; cl < classes; cl++) {
      next[newline * classes + cl] = next[order[0] * classes + cl];
    }
    hitRules[newline] = new int[0];
    hitLengths[newline] = new int[0];
    return new KeywordIndex(
        classes, classOf, next, firstReporting * classes, newline * classes, hitRules, hitLengths);
  }

  private static int[] filled(int classes) {
    int[] a = new int[classes];
    Arrays.fill(a, -1);
    return a;
  }

  int start() {
    return 0;
  }

  /** The state after reading {@code c} in {@code state}. */
  int step(int state, char c) {
    return next[state + (c < 128 ? classOf[c] : wide(classOf, c))];
  }

  /**
   * The class of a character past ASCII. The two that case-insensitive matching folds onto ASCII
   * letters (the long s onto s, the Kelvin sign onto k) count as those letters, so a key name
   * spelled with them still reaches the rules, whose patterns match it; any other is class 0.
   */
  static int wide(byte[] classOf, char c) {
    return c == '\u017f' ? classOf['s'] : c == '\u212a' ? classOf['k'] : 0;
  }

  int firstReportingState() {
    return firstReporting;
  }

  int newlineState() {
    return newline;
  }

  int classes() {
    return classes;
  }

  byte[] classTable() {
    return classOf;
  }

  /** Row offset of a state plus a character's class gives the next state's row offset. */
  int[] table() {
    return next;
  }

  int[] rulesAt(int state) {
    return hitRules[state / classes];
  }

  int[] lengthsAt(int state) {
    return hitLengths[state / classes];
  }
}
