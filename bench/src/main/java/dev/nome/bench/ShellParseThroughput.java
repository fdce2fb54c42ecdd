package dev.nome.bench;

import dev.nome.core.shell.ShellParser;
import dev.nome.core.shell.ShellSyntaxError;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Plain main for the peer comparison (bench/peers/shell-parsers.sh): parses a command file, one
 * command per line, over and over on one thread, and prints the median commands per second of
 * several one-second rounds, with the slowest and fastest round.
 *
 * <p>Usage: {@code ShellParseThroughput [file] [rounds]}; without a file it uses the bundled agent
 * command mix.
 */
public final class ShellParseThroughput {
  private ShellParseThroughput() {}

  public static void main(String[] args) throws Exception {
    List<String> commands =
        args.length > 0 ? AgentCommands.load(Path.of(args[0])) : AgentCommands.load();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int errors = 0;
    for (String c : commands) {
      try {
        ShellParser.parse(c);
      } catch (ShellSyntaxError e) {
        errors++;
      }
    }
    // Warm up the JIT before measuring.
    run(commands, 3_000_000_000L);
    double[] rates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      rates[r] = run(commands, 1_000_000_000L);
    }
    Arrays.sort(rates);
    System.out.printf(
        "nome-parse commands=%d errors=%d median=%.0f min=%.0f max=%.0f commands/s%n",
        commands.size(), errors, rates[rounds / 2], rates[0], rates[rounds - 1]);
  }

  private static double run(List<String> commands, long nanos) {
    long start = System.nanoTime();
    long parsed = 0;
    long sink = 0;
    while (System.nanoTime() - start < nanos) {
      for (String c : commands) {
        try {
          sink += ShellParser.parse(c).end();
        } catch (ShellSyntaxError e) {
          sink += e.offset();
        }
      }
      parsed += commands.size();
    }
    if (sink == 42) {
      System.out.print("");
    }
    return parsed / ((System.nanoTime() - start) / 1e9);
  }
}
