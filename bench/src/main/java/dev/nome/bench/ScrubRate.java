package dev.nome.bench;

import dev.nome.core.secrets.SecretScrubber;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scrubber's rate once warm, over whole files, in the same protocol as {@code
 * bench/peers/secretlint-rate.mjs} so the two print comparable lines: each file is scrubbed over
 * and over for a warm-up time, then for a measured time, pass by pass; prints the median MiB/s of
 * the measured passes per file, and the median of the files.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.nome.bench.ScrubRate FILE...}
 */
public final class ScrubRate {

  private ScrubRate() {}

  static final long WARM_UP_NANOS = 3_000_000_000L;
  static final long MEASURED_NANOS = 3_000_000_000L;

  public static void main(String[] args) throws IOException {
    SecretScrubber scrubber = SecretScrubber.create(new byte[32]);
    double[] all = new double[args.length];
    for (int f = 0; f < args.length; f++) {
      byte[] bytes = Files.readAllBytes(Path.of(args[f]));
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 4096);
      List<Double> measured = new ArrayList<>();
      long began = System.nanoTime();
      while (System.nanoTime() - began < WARM_UP_NANOS + MEASURED_NANOS) {
        out.reset();
        long start = System.nanoTime();
        scrubber.scrub(new ByteArrayInputStream(bytes), out);
        long end = System.nanoTime();
        if (start - began >= WARM_UP_NANOS) {
          measured.add(bytes.length / 1048576.0 / ((end - start) / 1e9));
        }
      }
      double[] rates = measured.stream().mapToDouble(Double::doubleValue).toArray();
      all[f] = median(rates);
      System.out.printf(
          "nome %s %.1f MiB/s (passes %.0f-%.0f)%n",
          Path.of(args[f]).getFileName(),
          all[f],
          Arrays.stream(rates).min().orElse(0),
          Arrays.stream(rates).max().orElse(0));
    }
    System.out.printf("nome all %.1f MiB/s%n", median(all));
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
