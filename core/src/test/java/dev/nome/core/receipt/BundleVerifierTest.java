package dev.nome.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.receipt.AuditFixture.RunData;
import dev.nome.core.receipt.Problem.Kind;
import dev.nome.core.secrets.TestScrubbed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of tampering is detected, and the first bad receipt is named. */
class BundleVerifierTest {

  AuditFixture audit;
  RunData runA;
  RunData runB;
  Checkpoint checkpoint;

  @BeforeEach
  void twoAcceptedRunsAndALaterCheckpoint() {
    audit = new AuditFixture();
    runA = audit.run("run-a", "host-1", 10, Optional.of("wi-1"));
    runB = audit.run("run-b", "host-2", 3, Optional.of("wi-1"));
    audit.accept(runA);
    audit.accept(audit.run("run-other", "host-2", 1, Optional.empty()));
    audit.accept(runB);
    checkpoint = audit.checkpoint();
  }

  Verification verify(byte[] bundle) {
    return new BundleVerifier(TestScrubbed.identity(), Optional.of(audit.logKey.publicKey()))
        .verify(new ByteArrayInputStream(bundle));
  }

  Verification verify(RunData a) {
    return verify(audit.bundle(List.of(a, runB), checkpoint, Optional.of("wi-1")));
  }

  static Problem problem(Verification v) {
    assertThat(v).isInstanceOf(Verification.Failed.class);
    return ((Verification.Failed) v).problem();
  }

  static void assertNamed(Verification v, Kind kind, String run, long seq) {
    Problem p = problem(v);
    assertThat(p.kind()).as(p.describe()).isEqualTo(kind);
    assertThat(p.runId()).contains(run);
    assertThat(p.seq()).isEqualTo(OptionalLong.of(seq));
    assertThat(p.describe()).contains("run " + run).contains("receipt " + seq);
  }

  @Test
  void anIntactBundleVerifies() {
    Verification v = verify(runA);
    assertThat(v).isEqualTo(new Verification.Verified(2, 11 + 2 + 4, 3));
  }

  @Test
  void editingAReceiptIsDetected() {
    RunData a = runA.copy();
    ChainedReceipt r = a.receipts().get(5);
    a.receipts()
        .set(
            5,
            new ChainedReceipt(
                r.runId(),
                r.seq(),
                r.previous(),
                r.atMillis(),
                Samples.tool("call-4", "forged"),
                r.digest()));
    assertNamed(verify(a), Kind.EDITED, "run-a", 5);
  }

  @Test
  void editingAReceiptAndItsDigestBreaksTheNextLink() {
    RunData a = runA.copy();
    ChainedReceipt r = a.receipts().get(5);
    a.receipts()
        .set(
            5,
            ChainedReceipt.seal(
                r.runId(), r.seq(), r.previous(), r.atMillis(), Samples.tool("x", "y")));
    assertNamed(verify(a), Kind.BROKEN_LINK, "run-a", 6);
  }

  @Test
  void rewritingTheWholeTailIsCaughtByTheSignatures() {
    RunData a = runA.copy();
    Digest prev = a.receipts().get(4).digest();
    for (int i = 5; i < a.receipts().size(); i++) {
      ChainedReceipt r = a.receipts().get(i);
      Receipt body = i == 5 ? Samples.tool("x", "forged") : r.receipt();
      ChainedReceipt forged = ChainedReceipt.seal(r.runId(), r.seq(), prev, r.atMillis(), body);
      a.receipts().set(i, forged);
      prev = forged.digest();
    }
    // Signed every 4 receipts: seq 7 is the first signed receipt after the forgery.
    assertNamed(verify(a), Kind.BAD_SIGNATURE, "run-a", 7);
  }

  @Test
  void deletingAReceiptIsDetected() {
    RunData a = runA.copy();
    a.receipts().remove(4);
    assertNamed(verify(a), Kind.MISSING, "run-a", 4);
  }

  @Test
  void insertingAReceiptIsDetected() {
    RunData a = runA.copy();
    ChainedReceipt before = a.receipts().get(2);
    ChainedReceipt forged =
        ChainedReceipt.seal("run-a", 3, before.digest(), before.atMillis(), Samples.tool("x", "y"));
    a.receipts().add(3, forged);
    assertNamed(verify(a), Kind.INSERTED, "run-a", 3);
  }

  @Test
  void reorderingReceiptsIsDetected() {
    RunData a = runA.copy();
    ChainedReceipt third = a.receipts().remove(3);
    a.receipts().add(4, third);
    assertNamed(verify(a), Kind.REORDERED, "run-a", 4);
  }

  @Test
  void truncatingTheRunIsDetected() {
    RunData a = runA.copy();
    a.receipts().subList(9, a.receipts().size()).clear();
    a.signatures().removeIf(s -> s.seq() > 8);
    assertNamed(verify(a), Kind.TRUNCATED, "run-a", 9);
  }

  @Test
  void splicingAReceiptFromAnotherRunIsDetected() {
    RunData a = runA.copy();
    a.receipts().set(2, runB.receipts().get(2));
    assertNamed(verify(a), Kind.SPLICED, "run-a", 2);
  }

  @Test
  void swappingASignatureIsDetected() {
    RunData a = runA.copy();
    ChainSignature s = a.signatures().get(1);
    ChainSignature other = runB.signatures().getLast();
    a.signatures()
        .set(1, new ChainSignature(s.runId(), s.seq(), s.head(), s.hostId(), other.signature()));
    assertNamed(verify(a), Kind.BAD_SIGNATURE, "run-a", s.seq());
  }

  @Test
  void droppingTheFinalSignatureLeavesTheHeadUnsigned() {
    RunData a = runA.copy();
    a.signatures().removeLast();
    assertNamed(verify(a), Kind.UNSIGNED, "run-a", 11);
  }

  @Test
  void replayingABatchIsDetected() {
    RunData a = runA.copy();
    List<ChainedReceipt> batch = List.copyOf(a.receipts().subList(2, 5));
    a.receipts().addAll(5, batch);
    assertNamed(verify(a), Kind.REPLAYED, "run-a", 2);
  }

  @Test
  void rollingTheLogBackIsDetected() {
    // A checkpoint from before run-b was accepted: the log "forgot" its head.
    Checkpoint old = audit.accepted.get("run-a").checkpoint();
    Map<String, LogEntry> entries =
        Map.of("run-a", audit.entry("run-a", old), "run-b", entryAgainst("run-b", old));
    byte[] bundle =
        AuditFixture.bundle(
            List.of(runA, runB),
            old,
            Optional.of("wi-1"),
            entries,
            audit.publicKeys(),
            audit.logKey.publicKey());
    Problem p = problem(verify(bundle));
    assertThat(p.kind()).isEqualTo(Kind.LOG_ROLLED_BACK);
    assertThat(p.runId()).contains("run-b");
  }

  @Test
  void aLogRebuiltWithOtherLeavesIsNotAnExtension() {
    // The log operator rebuilds the log without run-other and signs a bigger checkpoint.
    MerkleTree tree = new MerkleTree();
    tree.appendLeafHash(audit.tree.leafHashAt(0));
    tree.appendLeafHash(audit.tree.leafHashAt(2));
    tree.appendLeafHash(MerkleTree.leafHash(new byte[] {9}));
    tree.appendLeafHash(MerkleTree.leafHash(new byte[] {8}));
    Checkpoint forged = Checkpoint.sign(tree.size(), tree.root(), 5, audit.logKey);
    AuditFixture.Accepted b = audit.accepted.get("run-b");
    LogEntry entry =
        new LogEntry(1, b.head(), b.checkpoint(), tree.inclusionProof(1, 4), List.of());
    AuditFixture.Accepted a = audit.accepted.get("run-a");
    LogEntry entryA =
        new LogEntry(
            0, a.head(), a.checkpoint(), tree.inclusionProof(0, 4), tree.consistencyProof(1, 4));
    byte[] bundle =
        AuditFixture.bundle(
            List.of(runA, runB),
            forged,
            Optional.of("wi-1"),
            Map.of("run-a", entryA, "run-b", entry),
            audit.publicKeys(),
            audit.logKey.publicKey());
    Problem p = problem(verify(bundle));
    assertThat(p.kind()).isEqualTo(Kind.LOG_ROLLED_BACK);
    assertThat(p.runId()).contains("run-b");
  }

  private LogEntry entryAgainst(String runId, Checkpoint old) {
    AuditFixture.Accepted a = audit.accepted.get(runId);
    return new LogEntry(a.index(), a.head(), a.checkpoint(), List.of(), List.of());
  }

  @Test
  void aCheckpointNotSignedByTheTrustedLogKeyIsRefused() {
    Ed25519.KeySigner impostor = Ed25519.KeySigner.generate("impostor");
    Checkpoint forged =
        Checkpoint.sign(checkpoint.size(), checkpoint.root(), checkpoint.timeMillis(), impostor);
    Problem p = problem(verify(audit.bundle(List.of(runA, runB), forged, Optional.of("wi-1"))));
    assertThat(p.kind()).isEqualTo(Kind.BAD_CHECKPOINT);
  }

  @Test
  void aSwappedHostKeyIsRefused() {
    Map<String, byte[]> keys = audit.publicKeys();
    keys.put("host-1", Ed25519.KeySigner.generate("host-1").publicKey());
    Map<String, LogEntry> entries =
        Map.of(
            "run-a", audit.entry("run-a", checkpoint), "run-b", audit.entry("run-b", checkpoint));
    byte[] bundle =
        AuditFixture.bundle(
            List.of(runA, runB),
            checkpoint,
            Optional.of("wi-1"),
            entries,
            keys,
            audit.logKey.publicKey());
    Problem p = problem(verify(bundle));
    assertThat(p.kind()).isEqualTo(Kind.UNKNOWN_HOST);
    assertThat(p.runId()).contains("run-a");
  }

  @Test
  void aRunOfAnotherWorkItemIsRefused() {
    RunData other = audit.run("run-c", "host-1", 1, Optional.of("wi-2"));
    audit.accept(other);
    Checkpoint now = audit.checkpoint();
    Problem p = problem(verify(audit.bundle(List.of(runA, other), now, Optional.of("wi-1"))));
    assertThat(p.kind()).isEqualTo(Kind.WRONG_WORK_ITEM);
    assertThat(p.runId()).contains("run-c");
  }

  @Test
  void textTheScrubberWouldChangeDoesNotVerify() {
    RunData a = runA.copy();
    ChainedReceipt r = a.receipts().get(3);
    String secret = "output 2";
    Verification v =
        new BundleVerifier(TestScrubbed.replacing(secret), Optional.empty())
            .verify(
                new ByteArrayInputStream(
                    audit.bundle(List.of(a, runB), checkpoint, Optional.of("wi-1"))));
    assertNamed(v, Kind.EDITED, "run-a", r.seq());
  }

  @Test
  void garbageIsMalformedAndNotEchoed() {
    Problem p = problem(verify("{\"format\": sk-live-secret".getBytes(StandardCharsets.UTF_8)));
    assertThat(p.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(p.describe()).doesNotContain("sk-live-secret");
    assertThat(problem(verify("[]".getBytes(StandardCharsets.UTF_8))).kind())
        .isEqualTo(Kind.MALFORMED);
  }
}
