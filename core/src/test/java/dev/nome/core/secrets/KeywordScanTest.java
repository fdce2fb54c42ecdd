package dev.nome.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan in two lanes must report exactly what one step at a time over the automaton reports: the
 * same keyword and line ends, in text order, whatever the pieces the text arrives in.
 */
class KeywordScanTest {

  static final KeywordIndex INDEX = RuleBook.standard().index();

  static final String[] PIECES = {
    "\n",
    "\n",
    " ",
    "sk-",
    "ghp_",
    "token",
    "password=",
    "://",
    "u:p@h",
    "-----BEGIN ",
    "[REDACTED:",
    "AKIA",
    "secret",
    "abc",
    "x",
    "\u00e9",
    "\u212a",
    "\t",
    "==",
    "Bearer ",
  };

  /** What stepping one character at a time reports: (position, state) for each event. */
  static List<Long> reference(char[] b) {
    List<Long> events = new ArrayList<>();
    int s = INDEX.start();
    for (int i = 0; i < b.length; i++) {
      s = INDEX.step(s, b[i]);
      if (s >= INDEX.firstReportingState()) {
        events.add(((long) i << 32) | s);
      }
    }
    return events;
  }

  @Test
  void twoLanesReportWhatOneStepAtATimeReports() {
    Random rnd = new Random(7);
    for (int round = 0; round < 300; round++) {
      StringBuilder sb = new StringBuilder();
      int size = rnd.nextInt(round < 150 ? 2_000 : 40_000);
      boolean longLines = rnd.nextInt(4) == 0;
      while (sb.length() < size) {
        String piece = PIECES[rnd.nextInt(PIECES.length)];
        sb.append(longLines && piece.equals("\n") ? " " : piece);
      }
      char[] b = sb.toString().toCharArray();
      KeywordScan scan = new KeywordScan(INDEX);
      List<Long> got = new ArrayList<>();
      for (int from = 0; from < b.length; ) {
        int to = Math.min(b.length, from + 1 + rnd.nextInt(rnd.nextBoolean() ? 64 : 9_000));
        int n = scan.scan(b, from, to);
        for (int e = 0; e < n; e++) {
          got.add(((long) scan.position(e) << 32) | scan.state(e));
          assertThat(scan.endsLine(e)).isEqualTo(b[scan.position(e)] == '\n');
        }
        from = to;
      }
      assertThat(got).as("round %d, %d chars", round, b.length).isEqualTo(reference(b));
    }
  }
}
