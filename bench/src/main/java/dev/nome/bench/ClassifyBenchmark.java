package dev.nome.bench;

import dev.nome.core.risk.Classification;
import dev.nome.core.risk.Classifier;
import dev.nome.core.shell.Script;
import dev.nome.core.shell.ShellParser;
import dev.nome.core.shell.ShellSyntaxError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + classify throughput on a realistic mix of agent commands ({@code agent-commands.txt}),
 * one thread: each operation is one command, so the score is commands per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class ClassifyBenchmark {
  private String[] commands;
  private Script[] parsed;
  private Classifier classifier;
  private int next;

  @Setup(Level.Trial)
  public void load() throws IOException {
    commands = agentCommands().toArray(String[]::new);
    classifier = Classifier.standard();
    List<Script> scripts = new ArrayList<>();
    for (String c : commands) {
      try {
        scripts.add(ShellParser.parse(c));
      } catch (ShellSyntaxError e) {
        // commands that do not parse are still part of the parse+classify mix
      }
    }
    parsed = scripts.toArray(Script[]::new);
  }

  /** The agent command mix, one command per line (blank lines and # comments skipped). */
  static List<String> agentCommands() throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = ClassifyBenchmark.class.getResourceAsStream("/agent-commands.txt")) {
      if (in == null) {
        throw new IOException("agent-commands.txt missing from the benchmark jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    }
    return out;
  }

  /** Parse and classify one command of the mix. */
  @Benchmark
  public Classification parseAndClassify() {
    String c = commands[next];
    next = next + 1 == commands.length ? 0 : next + 1;
    return classifier.classify(c);
  }

  /** Classify one already parsed command (the classifier's own share). */
  @Benchmark
  public Classification classifyParsed() {
    Script s = parsed[next % parsed.length];
    next = next + 1 == commands.length ? 0 : next + 1;
    return classifier.classify(s);
  }

  /** Parse only, for comparison with the parser's own benchmark. */
  @Benchmark
  public void parseOnly(Blackhole bh) throws ShellSyntaxError {
    String c = commands[next];
    next = next + 1 == commands.length ? 0 : next + 1;
    try {
      bh.consume(ShellParser.parse(c));
    } catch (ShellSyntaxError e) {
      bh.consume(e);
    }
  }
}
