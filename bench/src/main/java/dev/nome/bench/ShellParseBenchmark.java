package dev.nome.bench;

import dev.nome.core.shell.Script;
import dev.nome.core.shell.ShellParser;
import dev.nome.core.shell.ShellSyntaxError;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput of the shell parser on the agent command mix, in commands per second on one
 * thread. {@code java -jar bench/target/benchmarks.jar ShellParseBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ShellParseBenchmark {
  private List<String> commands;
  private int next;

  @Setup
  public void load() {
    commands = AgentCommands.load();
  }

  /** One command per operation, cycling through the mix. */
  @Benchmark
  public void parse(Blackhole bh) {
    String command = commands.get(next);
    next = next + 1 == commands.size() ? 0 : next + 1;
    try {
      Script s = ShellParser.parse(command);
      bh.consume(s);
    } catch (ShellSyntaxError e) {
      bh.consume(e);
    }
  }
}
