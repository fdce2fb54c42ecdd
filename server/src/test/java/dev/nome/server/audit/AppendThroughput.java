package dev.nome.server.audit;

import dev.nome.core.Tier;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.OutputSummary;
import dev.nome.core.receipt.Receipt;
import dev.nome.core.receipt.RunStarted;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.storage.Database;
import dev.nome.server.storage.DatabaseUrl;
import dev.nome.server.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The figure "receipts appended per second" on SQLite and on PostgreSQL: a run's chain in batches
 * of {@code batch} receipts, each timed from its JSON bytes (decoding and scrubbing every content
 * field again, checking digests, links and the host signature) to the acknowledged commit with the
 * run's new head in the Merkle log and a signed checkpoint. Prints the median and spread of the
 * per-batch rate. How to run it: docs/architecture.md, "Receipts and audit".
 *
 * <p>Arguments: {@code [receipts] [batch] [sqlite|postgresql|both]}.
 */
public final class AppendThroughput {

  private AppendThroughput() {}

  public static void main(String[] args) throws Exception {
    int receipts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    String which = args.length > 2 ? args[2] : "both";
    if (!which.equals("postgresql")) {
      Path dir = Files.createTempDirectory("nome-append-");
      try (Database db = Database.openSqlite(dir)) {
        run("SQLite (WAL, synchronous=FULL)", db, receipts, batch);
      } finally {
        try (var files = Files.walk(dir)) {
          for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    if (!which.equals("sqlite")) {
      try (Database db =
          Database.open(DatabaseUrl.parsePostgres(TestPostgres.get().createDatabase()))) {
        run("PostgreSQL", db, receipts, batch);
      }
    }
    System.exit(0);
  }

  static void run(String name, Database db, int receipts, int batchSize) throws Exception {
    Ed25519.KeySigner host = Ed25519.KeySigner.generate("host-1");
    MemoryHostDirectory hosts = new MemoryHostDirectory().add("host-1", host.publicKey());
    SecretScrubber scrubber = SecretScrubber.create(new byte[32]);
    AuditStore store =
        new AuditStore(
            db.jdbi(),
            hosts,
            new MemoryRunDirectory().add("run-1", "host-1", "account-1", Optional.empty()),
            new AuditLog(Ed25519.KeySigner.generate("log")),
            Clock.systemUTC());
    // The host's side, prepared up front: the chain, cut into signed batches as JSON.
    List<byte[]> bodies = new ArrayList<>();
    Digest prev = Digest.ZERO;
    List<ChainedReceipt> current = new ArrayList<>();
    for (int seq = 0; seq < receipts; seq++) {
      Receipt body = seq == 0 ? new RunStarted("host-1", Optional.empty()) : tool(scrubber, seq);
      ChainedReceipt r = ChainedReceipt.seal("run-1", seq, prev, 1_700_000_000_000L + seq, body);
      prev = r.digest();
      current.add(r);
      if (current.size() == batchSize || seq == receipts - 1) {
        ReceiptBatch b =
            new ReceiptBatch(current, List.of(ChainSignature.sign(current.getLast(), host)));
        bodies.add(HostRun.json(b).getBytes(StandardCharsets.UTF_8));
        current = new ArrayList<>();
      }
    }
    double[] rates = new double[bodies.size()];
    long total = 0;
    long decodeNanos = 0;
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < bodies.size(); i++) {
      long t = System.nanoTime();
      ReceiptBatch b = ReceiptBatch.read(new ByteArrayInputStream(bodies.get(i)), scrubber::scrub);
      decodeNanos += System.nanoTime() - t;
      store.accept("host-1", "run-1", b);
      rates[i] = b.receipts().size() / ((System.nanoTime() - t) / 1e9);
      total += b.receipts().size();
    }
    long elapsed = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    double overall = total / (elapsed / 1e9);
    // The first tenth warms up the JIT; the rates are of the rest.
    double[] steady = Arrays.copyOfRange(rates, rates.length / 10, rates.length);
    Arrays.sort(steady);
    System.out.printf(
        "%s: %,d receipts in batches of %,d: %,.0f receipts/s overall; per batch median %,.0f,"
            + " p10 %,.0f, p90 %,.0f, min %,.0f, max %,.0f%n",
        name,
        total,
        batchSize,
        overall,
        steady[steady.length / 2],
        steady[steady.length / 10],
        steady[steady.length * 9 / 10],
        steady[0],
        steady[steady.length - 1]);
    System.out.printf(
        "  of the time: %.0f%% decoding and scrubbing, %.0f%% checking and storing; the thread was"
            + " on the CPU %.0f%% of it (%,.0f receipts per CPU second)%n",
        100.0 * decodeNanos / elapsed,
        100.0 * (elapsed - decodeNanos) / elapsed,
        100.0 * cpu / elapsed,
        total / (cpu / 1e9));
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
