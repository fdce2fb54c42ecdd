package dev.nome.bench;

import dev.nome.core.secrets.SecretScrubber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scrubber throughput on one core over realistic build, test and server logs. One operation scrubs
 * exactly 1 MiB, so the score in ops/s reads as MiB/s.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar ScrubBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class ScrubBenchmark {

  static final int MIB = 1 << 20;

  @Param({"build", "test", "server"})
  public String log;

  private SecretScrubber scrubber;
  private byte[] bytes;

  private static final OutputStream DISCARD =
      new OutputStream() {
        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
      };

  @Setup
  public void setUp() {
    scrubber = SecretScrubber.create(new byte[32]);
    bytes = LogSamples.generate(log, MIB, 7);
  }

  @Benchmark
  public long scrubOneMebibyte() throws IOException {
    return scrubber.scrub(new ByteArrayInputStream(bytes), DISCARD);
  }
}
