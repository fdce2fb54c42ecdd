package dev.nome.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.MerkleProofs;
import dev.nome.core.receipt.Verification;
import dev.nome.core.secrets.TestScrubbed;
import dev.nome.server.audit.UploadRejected.Reason;
import dev.nome.server.storage.Database;
import dev.nome.server.storage.DatabaseUrl;
import dev.nome.server.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit store on both engines: accepts good chains, refuses bad batches leaving nothing. */
class AuditStoreTest {

  static final Ed25519.KeySigner HOST_A = Ed25519.KeySigner.generate("host-a");
  static final Ed25519.KeySigner HOST_B = Ed25519.KeySigner.generate("host-b");

  @TempDir Path dir;
  Database database;
  MemoryHostDirectory hosts;
  MemoryRunDirectory runs;
  Ed25519.KeySigner logKey;
  AuditStore store;

  static Stream<String> engines() {
    return Stream.of("sqlite", "postgresql");
  }

  void open(String engine) {
    database =
        engine.equals("sqlite")
            ? Database.openSqlite(dir)
            : Database.open(DatabaseUrl.parsePostgres(TestPostgres.get().createDatabase()));
    hosts =
        new MemoryHostDirectory()
            .add("host-a", HOST_A.publicKey())
            .add("host-b", HOST_B.publicKey());
    runs = new MemoryRunDirectory();
    logKey = Ed25519.KeySigner.generate("audit-log");
    store = new AuditStore(database.jdbi(), hosts, runs, new AuditLog(logKey), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  long count(String table) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  List<Long> counts() {
    List<Long> c = new ArrayList<>();
    for (String t :
        List.of(
            "audit_run",
            "audit_receipt",
            "audit_signature",
            "audit_log_leaf",
            "audit_checkpoint")) {
      c.add(count(t));
    }
    return c;
  }

  void assertRefusedLeavingNothing(Reason reason, Runnable upload) {
    List<Long> before = counts();
    assertThatThrownBy(upload::run)
        .isInstanceOfSatisfying(
            UploadRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    assertThat(counts()).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void acceptsAChainInBatchesAndExportsABundleThatVerifies(String engine) throws Exception {
    open(engine);
    runs.add("run-1", "host-a", "account-1", Optional.of("wi-1"));
    runs.add("run-2", "host-b", "account-1", Optional.of("wi-1"));
    HostRun run = new HostRun("run-1", HOST_A, Optional.of("wi-1")).tools(20).end();
    Accepted first = store.accept("host-a", "run-1", run.batch(0, 10, HOST_A));
    Accepted second = store.accept("host-a", "run-1", run.batch(10, 22, HOST_A));
    assertThat(first.seq()).isEqualTo(9);
    assertThat(second.seq()).isEqualTo(21);
    assertThat(second.leafIndex()).isEqualTo(1);
    assertThat(second.checkpoint().verify(logKey.publicKey())).isTrue();
    assertThat(count("audit_receipt")).isEqualTo(22);
    // The log only grew: the first acknowledgement's checkpoint is consistent with the second's.
    assertThat(
            MerkleProofs.verifyConsistency(
                first.checkpoint().size(),
                first.checkpoint().root(),
                second.checkpoint().size(),
                second.checkpoint().root(),
                store.log().consistencyProof(1, 2)))
        .isTrue();

    HostRun other = new HostRun("run-2", HOST_B, Optional.of("wi-1")).tools(3).end();
    store.accept("host-b", "run-2", other.batch(0, 5, HOST_B));
    assertThat(store.runsOfWorkItem("wi-1")).containsExactly("run-1", "run-2");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AuditExport(store).write(List.of("run-1", "run-2"), Optional.of("wi-1"), out);
    Verification v =
        new BundleVerifier(TestScrubbed.identity(), Optional.of(logKey.publicKey()))
            .verify(new ByteArrayInputStream(out.toByteArray()));
    assertThat(v).isEqualTo(new Verification.Verified(2, 27, 3));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void refusesGapsForksReplaysAndBadChainsStoringNothing(String engine) {
    open(engine);
    runs.add("run-1", "host-a", "account-1", Optional.empty());
    HostRun run = new HostRun("run-1", HOST_A, Optional.empty()).tools(10).end();
    store.accept("host-a", "run-1", run.batch(0, 4, HOST_A));

    // A gap: receipts 4 and 5 never arrive.
    assertRefusedLeavingNothing(
        Reason.GAP, () -> store.accept("host-a", "run-1", run.batch(6, 8, HOST_A)));
    // A replay of the accepted batch.
    assertRefusedLeavingNothing(
        Reason.REPLAY, () -> store.accept("host-a", "run-1", run.batch(0, 4, HOST_A)));
    // A replay reaching into new receipts is still refused whole.
    assertRefusedLeavingNothing(
        Reason.REPLAY, () -> store.accept("host-a", "run-1", run.batch(2, 6, HOST_A)));
    // A fork: another chain of the same run from receipt 4 on.
    HostRun fork = new HostRun("run-1", HOST_A, Optional.empty()).tools(3);
    assertRefusedLeavingNothing(
        Reason.FORK, () -> store.accept("host-a", "run-1", fork.batch(3, 4, HOST_A)));
    HostRun forkLonger = new HostRun("run-1", HOST_A, Optional.empty()).tools(5);
    assertRefusedLeavingNothing(
        Reason.FORK, () -> store.accept("host-a", "run-1", forkLonger.batch(4, 6, HOST_A)));
    // An edited receipt.
    List<ChainedReceipt> edited = new ArrayList<>(run.receipts.subList(4, 6));
    ChainedReceipt r = edited.get(1);
    edited.set(
        1,
        new ChainedReceipt(
            r.runId(),
            r.seq(),
            r.previous(),
            r.atMillis(),
            HostRun.tool("x", "forged"),
            r.digest()));
    assertRefusedLeavingNothing(
        Reason.BAD_DIGEST,
        () ->
            store.accept(
                "host-a",
                "run-1",
                new ReceiptBatch(edited, List.of(ChainSignature.sign(edited.get(1), HOST_A)))));
    // A batch that skips a receipt inside itself.
    List<ChainedReceipt> skipping = List.of(run.receipts.get(4), run.receipts.get(6));
    assertRefusedLeavingNothing(
        Reason.GAP,
        () ->
            store.accept(
                "host-a",
                "run-1",
                new ReceiptBatch(skipping, List.of(ChainSignature.sign(skipping.get(1), HOST_A)))));
    // Signed by another key, or not signed at its end.
    assertRefusedLeavingNothing(
        Reason.BAD_SIGNATURE,
        () ->
            store.accept(
                "host-a",
                "run-1",
                new ReceiptBatch(
                    run.receipts.subList(4, 6),
                    List.of(
                        new ChainSignature(
                            "run-1",
                            5,
                            run.receipts.get(5).digest(),
                            "host-a",
                            ChainSignature.sign(run.receipts.get(5), HOST_B).signature())))));
    assertRefusedLeavingNothing(
        Reason.UNSIGNED,
        () ->
            store.accept(
                "host-a", "run-1", new ReceiptBatch(run.receipts.subList(4, 6), List.of())));
    // The good continuation is still accepted afterwards.
    assertThat(store.accept("host-a", "run-1", run.batch(4, 12, HOST_A)).seq()).isEqualTo(11);
    // Nothing after the end, even when it links to it.
    ChainedReceipt after =
        ChainedReceipt.seal("run-1", 12, run.receipts.get(11).digest(), 1, HostRun.tool("x", "y"));
    assertRefusedLeavingNothing(
        Reason.RUN_ENDED,
        () ->
            store.accept(
                "host-a",
                "run-1",
                new ReceiptBatch(List.of(after), List.of(ChainSignature.sign(after, HOST_A)))));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void refusesUnknownRevokedAndForeignHosts(String engine) {
    open(engine);
    runs.add("run-1", "host-a", "account-1", Optional.empty());
    HostRun run = new HostRun("run-1", HOST_A, Optional.empty()).tools(2);
    assertRefusedLeavingNothing(
        Reason.UNKNOWN_HOST, () -> store.accept("host-x", "run-1", run.batch(0, 3, HOST_A)));
    // Host b uploads a run that host a started.
    assertRefusedLeavingNothing(
        Reason.WRONG_HOST, () -> store.accept("host-b", "run-1", run.batch(0, 3, HOST_B)));
    // Host b claims host a's run with a chain of its own, before host a uploads anything.
    HostRun claim = new HostRun("run-1", HOST_B, Optional.empty()).tools(2);
    assertRefusedLeavingNothing(
        Reason.WRONG_HOST, () -> store.accept("host-b", "run-1", claim.batch(0, 3, HOST_B)));
    store.accept("host-a", "run-1", run.batch(0, 2, HOST_A));
    hosts.revoke("host-a");
    assertRefusedLeavingNothing(
        Reason.HOST_REVOKED, () -> store.accept("host-a", "run-1", run.batch(2, 3, HOST_A)));
    // A run of another id in the path.
    assertRefusedLeavingNothing(
        Reason.UNKNOWN_HOST, () -> store.accept("host-x", "run-9", run.batch(0, 3, HOST_A)));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void twoInstancesSharingADatabaseKeepOneLog(String engine) throws Exception {
    open(engine);
    runs.add("run-a", "host-a", "account-1", Optional.empty());
    runs.add("run-b", "host-b", "account-1", Optional.empty());
    AuditStore second =
        new AuditStore(database.jdbi(), hosts, runs, new AuditLog(logKey), Clock.systemUTC());
    HostRun a = new HostRun("run-a", HOST_A, Optional.empty()).tools(6).end();
    HostRun b = new HostRun("run-b", HOST_B, Optional.empty()).tools(6).end();
    store.accept("host-a", "run-a", a.batch(0, 3, HOST_A));
    second.accept("host-b", "run-b", b.batch(0, 3, HOST_B));
    Accepted last = store.accept("host-a", "run-a", a.batch(3, 8, HOST_A));
    // A refused batch on the second instance leaves its view of the log intact.
    assertThatThrownBy(() -> second.accept("host-b", "run-b", b.batch(4, 8, HOST_B)))
        .isInstanceOf(UploadRejected.class);
    Accepted lastB = second.accept("host-b", "run-b", b.batch(3, 8, HOST_B));
    assertThat(last.leafIndex()).isEqualTo(2);
    assertThat(lastB.leafIndex()).isEqualTo(3);
    for (AuditStore instance : List.of(store, second)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new AuditExport(instance).write(List.of("run-a", "run-b"), Optional.empty(), out);
      Verification v =
          new BundleVerifier(TestScrubbed.identity(), Optional.of(logKey.publicKey()))
              .verify(new ByteArrayInputStream(out.toByteArray()));
      assertThat(v).isEqualTo(new Verification.Verified(2, 16, 4));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void storedReceiptsAndTheLogCannotBeChangedOrDeleted(String engine) {
    open(engine);
    runs.add("run-1", "host-a", "account-1", Optional.empty());
    HostRun run = new HostRun("run-1", HOST_A, Optional.empty()).tools(1).end();
    store.accept("host-a", "run-1", run.batch(0, 3, HOST_A));
    for (String sql :
        List.of(
            "UPDATE audit_receipt SET body = 'x'",
            "DELETE FROM audit_receipt",
            "DELETE FROM audit_signature",
            "UPDATE audit_log_leaf SET leaf_hash = 'x'",
            "DELETE FROM audit_checkpoint")) {
      assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(sql))).as(sql).isNotNull();
    }
    assertThat(count("audit_receipt")).isEqualTo(3);
    assertThat(count("audit_checkpoint")).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void refusesRunsTheControlPlaneDidNotStartForTheHost(String engine) {
    open(engine);
    // A run id the control plane never gave out.
    HostRun stray = new HostRun("run-9", HOST_A, Optional.of("wi-1")).tools(1);
    assertRefusedLeavingNothing(
        Reason.UNKNOWN_RUN, () -> store.accept("host-a", "run-9", stray.batch(0, 2, HOST_A)));
    // A run of the host, but a first receipt naming another account's work item.
    runs.add("run-9", "host-a", "account-1", Optional.of("wi-1"));
    runs.add("run-other", "host-b", "account-2", Optional.of("wi-2"));
    HostRun foreignItem = new HostRun("run-9", HOST_A, Optional.of("wi-2")).tools(1);
    assertRefusedLeavingNothing(
        Reason.MALFORMED, () -> store.accept("host-a", "run-9", foreignItem.batch(0, 2, HOST_A)));
    HostRun noItem = new HostRun("run-9", HOST_A, Optional.empty()).tools(1);
    assertRefusedLeavingNothing(
        Reason.MALFORMED, () -> store.accept("host-a", "run-9", noItem.batch(0, 2, HOST_A)));
    // The run as started is accepted.
    assertThat(store.accept("host-a", "run-9", stray.batch(0, 2, HOST_A)).seq()).isEqualTo(1);
    assertThat(store.runsOfWorkItem("wi-2")).isEmpty();
  }
}
