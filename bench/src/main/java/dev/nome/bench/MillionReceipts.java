package dev.nome.bench;

import dev.nome.core.Tier;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.BundleWriter;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Checkpoint;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.LogEntry;
import dev.nome.core.receipt.MerkleTree;
import dev.nome.core.receipt.OutputSummary;
import dev.nome.core.receipt.Receipt;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunHead;
import dev.nome.core.receipt.RunStarted;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.receipt.Verification;
import dev.nome.core.secrets.SecretScrubber;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The figure "time to verify a bundle of 1,000,000 receipts on one core": writes a bundle of {@code
 * runs} runs of ToolReceipts (signed every 1,000 receipts and at each end, heads in a Merkle log)
 * and times {@link BundleVerifier} over it, with the real secret scrubber applied to every content
 * field, several times; prints the median and the spread.
 *
 * <p>Run on one core: {@code taskset -c 0 java -XX:ActiveProcessorCount=1 -cp
 * bench/target/benchmarks.jar dev.nome.bench.MillionReceipts [receipts] [runs] [repeats]}.
 */
public final class MillionReceipts {

  private MillionReceipts() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("write")) {
      // write FILE [receipts] [runs]: keeps the bundle, prints the log key for verify.
      Path file = Path.of(args[1]);
      byte[] key =
          write(
              file,
              args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000,
              args.length > 3 ? Integer.parseInt(args[3]) : 10);
      System.out.println(java.util.Base64.getEncoder().encodeToString(key));
      return;
    }
    if (args.length > 0 && args[0].equals("verify")) {
      // verify FILE LOGKEY [repeats]
      verify(
          Path.of(args[1]),
          java.util.Base64.getDecoder().decode(args[2]),
          args.length > 3 ? Integer.parseInt(args[3]) : 5);
      return;
    }
    int receipts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path file = Files.createTempFile("nome-bundle-", ".json");
    try {
      long t0 = System.nanoTime();
      byte[] logKey = write(file, receipts, runs);
      System.out.printf(
          "wrote %,d receipts in %d runs (%,d MB) in %.1f s%n",
          receipts, runs, Files.size(file) >> 20, (System.nanoTime() - t0) / 1e9);
      verify(file, logKey, repeats);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static void verify(Path file, byte[] logKey, int repeats) throws IOException {
    SecretScrubber scrubber = SecretScrubber.create(new byte[32]);
    double[] seconds = new double[repeats];
    double[] cpuSeconds = new double[repeats];
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long receipts = 0;
    for (int i = 0; i < repeats; i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Verification v;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        v = new BundleVerifier(scrubber::scrub, Optional.of(logKey)).verify(in);
      }
      seconds[i] = (System.nanoTime() - start) / 1e9;
      cpuSeconds[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      if (!(v instanceof Verification.Verified ok)) {
        throw new IllegalStateException("the bundle does not verify: " + v);
      }
      receipts = ok.receipts();
      System.out.printf(
          "verify %d: %.2f s wall, %.2f s on the CPU%n", i + 1, seconds[i], cpuSeconds[i]);
    }
    report("wall", receipts, seconds);
    report("CPU ", receipts, cpuSeconds);
  }

  private static void report(String what, long receipts, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "verify %,d receipts (%s): median %.2f s, min %.2f s, max %.2f s over %d runs%n",
        receipts,
        what,
        sorted[sorted.length / 2],
        sorted[0],
        sorted[sorted.length - 1],
        values.length);
  }

  /** Writes the bundle; returns the log's public key. */
  static byte[] write(Path file, int receipts, int runs) throws IOException {
    Ed25519.KeySigner host = Ed25519.KeySigner.generate("host-1");
    Ed25519.KeySigner log = Ed25519.KeySigner.generate("log");
    SecretScrubber scrubber = SecretScrubber.create(new byte[32]);
    int perRun = receipts / runs;
    Path parts = Files.createTempDirectory("nome-bundle-parts-");
    MerkleTree tree = new MerkleTree();
    List<RunHead> heads = new ArrayList<>();
    List<Checkpoint> accepted = new ArrayList<>();
    List<List<ChainSignature>> signatures = new ArrayList<>();
    try {
      for (int r = 0; r < runs; r++) {
        String runId = "run-" + r;
        List<ChainSignature> sigs = new ArrayList<>();
        Digest prev = Digest.ZERO;
        ChainedReceipt last = null;
        try (OutputStream out =
            new BufferedOutputStream(Files.newOutputStream(parts.resolve(runId)), 1 << 16)) {
          for (int seq = 0; seq < perRun; seq++) {
            Receipt body =
                seq == 0
                    ? new RunStarted("host-1", Optional.empty())
                    : seq == perRun - 1
                        ? new RunEnded(RunStatus.COMPLETED, scrubber.scrub("done"))
                        : tool(scrubber, seq);
            last = ChainedReceipt.seal(runId, seq, prev, 1_700_000_000_000L + seq, body);
            prev = last.digest();
            if (seq % 1000 == 999 || seq == perRun - 1 || seq == 0) {
              sigs.add(ChainSignature.sign(last, host));
            }
            out.write(seq == 0 ? new byte[0] : new byte[] {','});
            out.write(dev.nome.core.receipt.ReceiptJson.toBytes(last));
          }
        }
        RunHead head = new RunHead(runId, "host-1", host.publicKey(), last.seq(), last.digest());
        tree.appendLeafHash(head.leafHash());
        heads.add(head);
        accepted.add(Checkpoint.sign(tree.size(), tree.root(), 1, log));
        signatures.add(sigs);
      }
      Checkpoint now = Checkpoint.sign(tree.size(), tree.root(), 2, log);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
          BundleWriter w =
              new BundleWriter(
                  out,
                  Optional.empty(),
                  log.publicKey(),
                  now,
                  Map.of("host-1", host.publicKey()))) {
        for (int r = 0; r < runs; r++) {
          LogEntry entry =
              new LogEntry(
                  r,
                  heads.get(r),
                  accepted.get(r),
                  tree.inclusionProof(r, now.size()),
                  tree.consistencyProof(accepted.get(r).size(), now.size()));
          w.beginRun("run-" + r, "host-1", entry, signatures.get(r));
          w.rawReceipt(Files.readString(parts.resolve("run-" + r)));
          w.endRun();
        }
      }
      return log.publicKey();
    } finally {
      try (var list = Files.list(parts)) {
        for (Path p : list.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(parts);
    }
  }

  static ToolReceipt tool(SecretScrubber scrubber, int seq) {
    return new ToolReceipt(
        "call-" + seq,
        "shell",
        Tier.WRITE,
        scrubber.scrub("git diff --stat src/main/java/dev/nome/Example" + seq + ".java"),
        Optional.empty(),
        Decision.ALLOWED,
        "policy/shell-write",
        Optional.empty(),
        OutputSummary.of(
            scrubber.scrub(" 1 file changed, " + seq + " insertions(+), 2 deletions(-)"),
            2000,
            scrubber::scrub),
        17,
        true,
        OptionalInt.of(0));
  }
}
