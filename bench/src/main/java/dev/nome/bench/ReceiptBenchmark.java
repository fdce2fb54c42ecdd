package dev.nome.bench;

import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.secrets.SecretScrubber;
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

/**
 * The per-receipt costs behind the verification and append figures: sealing (canonical JSON and
 * SHA-256), and decoding a wire receipt with the real scrubber and checking its digest.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ReceiptBenchmark {

  SecretScrubber scrubber;
  ChainedReceipt receipt;
  String wire;

  @Setup
  public void setUp() {
    scrubber = SecretScrubber.create(new byte[32]);
    receipt =
        ChainedReceipt.seal(
            "run-1", 41, Digest.ZERO, 1_700_000_000_000L, MillionReceipts.tool(scrubber, 41));
    wire = ReceiptJson.toJson(receipt);
  }

  @Benchmark
  public Digest seal() {
    return ReceiptJson.digestOf(
        receipt.runId(), receipt.seq(), receipt.previous(), receipt.atMillis(), receipt.receipt());
  }

  @Benchmark
  public boolean decodeAndCheck() {
    return ReceiptJson.parse(wire, scrubber::scrub).digestHolds();
  }
}
