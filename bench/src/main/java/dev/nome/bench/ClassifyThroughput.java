package dev.nome.bench;

import dev.nome.core.risk.Classifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Plain main for the peer comparison (bench/peers/classify.sh): parses and classifies a command
 * file, one command per line, over and over on one thread, and prints the median commands per
 * second of several rounds of one CPU-second (wall clock, and per second of this thread's CPU time,
 * which a busy machine disturbs less), with the slowest and fastest round.
 *
 * <p>Usage: {@code ClassifyThroughput [file] [rounds]}; without a file it uses the bundled agent
 * command mix.
 */
public final class ClassifyThroughput {
  private ClassifyThroughput() {}

  public static void main(String[] args) throws Exception {
    List<String> commands =
        args.length > 0
            ? Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList()
            : ClassifyBenchmark.agentCommands();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Classifier classifier = Classifier.standard();
    int[] byTier = new int[3];
    for (String c : commands) {
      byTier[classifier.classify(c).tier().ordinal()]++;
    }
    run(classifier, commands, 3_000_000_000L, new double[2]); // warm up the JIT
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    double[] r = new double[2];
    for (int i = 0; i < rounds; i++) {
      run(classifier, commands, 1_000_000_000L, r);
      wall[i] = r[0];
      cpu[i] = r[1];
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(
        "nome-parse+classify commands=%d read=%d write=%d danger=%d median=%.0f min=%.0f max=%.0f"
            + " commands/s (per cpu-second: median=%.0f min=%.0f max=%.0f)%n",
        commands.size(),
        byTier[0],
        byTier[1],
        byTier[2],
        wall[rounds / 2],
        wall[0],
        wall[rounds - 1],
        cpu[rounds / 2],
        cpu[0],
        cpu[rounds - 1]);
  }

  private static void run(Classifier classifier, List<String> commands, long nanos, double[] out) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long done = 0;
    long sink = 0;
    // rounds last a given amount of this thread's CPU time, so that a busy machine stretches
    // them instead of shortening the warm-up
    while (threads.getCurrentThreadCpuTime() - cpu0 < nanos) {
      for (String c : commands) {
        sink += classifier.classify(c).reasons().size();
      }
      done += commands.size();
    }
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    if (sink == 42) {
      System.out.print("");
    }
    out[0] = done / (wall / 1e9);
    out[1] = done / (cpu / 1e9);
  }
}
