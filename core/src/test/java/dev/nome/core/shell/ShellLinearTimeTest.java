package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Inputs up to 1 MB of many shapes, ordinary and hostile, take time proportional to their size:
 * parsing 1 MB may take at most 64 times as long as 64 KB (linear is 16 times; a quadratic parser
 * would take 256 times as long), leaving room for a noisy shared machine.
 */
class ShellLinearTimeTest {
  private static final int MB = 1 << 20;

  private static String repeat(String unit, int size) {
    return unit.repeat(Math.max(1, size / unit.length()));
  }

  private static Map<String, IntFunction<String>> shapes() {
    String agent = String.join("\n", ShellCorpus.oneLiners().subList(0, 400)) + "\n";
    Map<String, IntFunction<String>> m = new LinkedHashMap<>();
    m.put("agent commands", n -> repeat(agent, n));
    m.put("one long word", n -> "a".repeat(n));
    m.put("many words", n -> "echo " + repeat("ab ", n));
    m.put("quotes and substitutions", n -> repeat("echo \"$x\" 'y' $(z) `w` ${v:-u};", n));
    m.put("brace expansions", n -> "echo " + repeat("{a,b}c ", n));
    m.put("unclosed brackets", n -> "echo " + "[".repeat(n));
    m.put("unclosed braces", n -> "echo " + repeat("{a ", n));
    m.put("long pipeline", n -> repeat("a | ", n) + "b");
    m.put("comments", n -> repeat("# a comment line\n", n));
    m.put("heredocs", n -> repeat("cat <<EOF\nline $x\nEOF\n", n));
    m.put("assignments", n -> repeat("x=1 ", n) + "cmd");
    m.put("declare subscripts", n -> "declare " + repeat("a[ ", n));
    m.put("single quoted", n -> "echo '" + "a".repeat(n) + "'");
    m.put("double quoted", n -> "echo \"" + repeat("a $b ", n) + "\"");
    m.put("arithmetic", n -> repeat("echo $((1+2*(3-x)));", n));
    m.put("tildes", n -> "echo ~" + "a".repeat(n));
    m.put("ambiguous (( ", n -> repeat("$(( ", n));
    return m;
  }

  @Test
  void oneMegabyteOfAnyShapeParsesInLinearTime() {
    StringBuilder report = new StringBuilder();
    for (var e : shapes().entrySet()) {
      String small = e.getValue().apply(MB / 16);
      String large = e.getValue().apply(MB);
      long tSmall = Math.max(best(small), 2_000_000L);
      long bound = 64 * tSmall + 1_000_000_000L;
      long tLarge = time(large);
      for (int retry = 0; retry < 2 && tLarge >= bound; retry++) {
        // The machine is shared: a second measurement filters out a stall.
        tLarge = Math.min(tLarge, time(large));
      }
      report.append(
          String.format(
              "%-26s 64K %6.1f ms  1M %6.1f ms%n", e.getKey(), tSmall / 1e6, tLarge / 1e6));
      assertThat(tLarge)
          .as(e.getKey() + ": 1 MB took " + tLarge / 1e6 + " ms, 64 KB " + tSmall / 1e6 + " ms")
          .isLessThan(bound);
      assertThat(tLarge).as(e.getKey()).isLessThan(5_000_000_000L);
    }
    System.out.print(report);
  }

  private static long best(String source) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      best = Math.min(best, time(source));
    }
    return best;
  }

  private static long time(String source) {
    long t0 = System.nanoTime();
    try {
      ShellParser.parse(source);
    } catch (ShellSyntaxError e) {
      assertThat(e.reason()).doesNotStartWith("internal");
    }
    return System.nanoTime() - t0;
  }
}
