package dev.nome.core.receipt;

import dev.nome.core.secrets.TestScrubbed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs on hosts, an audit log that accepts their heads, and bundles written from them. */
final class AuditFixture {

  record RunData(
      String runId, String hostId, List<ChainedReceipt> receipts, List<ChainSignature> signatures) {
    RunData copy() {
      return new RunData(runId, hostId, new ArrayList<>(receipts), new ArrayList<>(signatures));
    }
  }

  record Accepted(long index, RunHead head, Checkpoint checkpoint) {}

  final Ed25519.KeySigner logKey = Ed25519.KeySigner.generate("log");
  final MerkleTree tree = new MerkleTree();
  final Map<String, Ed25519.KeySigner> hosts = new LinkedHashMap<>();
  final Map<String, Accepted> accepted = new LinkedHashMap<>();
  long time = 1_700_000_000_000L;

  Ed25519.KeySigner host(String id) {
    return hosts.computeIfAbsent(id, Ed25519.KeySigner::generate);
  }

  /** A finished run of {@code tools} tool receipts, signed every 4 receipts and at the end. */
  RunData run(String runId, String hostId, int tools, Optional<String> workItem) {
    RunChainTest.MemoryJournal journal = new RunChainTest.MemoryJournal();
    try {
      RunChain chain = RunChain.start(runId, workItem, host(hostId), journal, Clock.systemUTC(), 4);
      for (int i = 0; i < tools; i++) {
        chain.append(Samples.tool("call-" + i, "output " + i));
      }
      chain.end(new RunEnded(RunStatus.COMPLETED, TestScrubbed.of("done")));
    } catch (ReceiptNotPersistedException e) {
      throw new IllegalStateException(e);
    }
    return new RunData(runId, hostId, journal.receipts, journal.signatures);
  }

  /** The log accepts the run's head, as the control plane does after an upload. */
  Accepted accept(RunData run) {
    ChainedReceipt last = run.receipts().getLast();
    RunHead head =
        new RunHead(
            run.runId(), run.hostId(), host(run.hostId()).publicKey(), last.seq(), last.digest());
    long index = tree.appendLeafHash(head.leafHash());
    Accepted a = new Accepted(index, head, checkpoint());
    accepted.put(run.runId(), a);
    return a;
  }

  Checkpoint checkpoint() {
    return Checkpoint.sign(tree.size(), tree.root(), time++, logKey);
  }

  LogEntry entry(String runId, Checkpoint at) {
    Accepted a = accepted.get(runId);
    return new LogEntry(
        a.index(),
        a.head(),
        a.checkpoint(),
        tree.inclusionProof(a.index(), at.size()),
        tree.consistencyProof(a.checkpoint().size(), at.size()));
  }

  byte[] bundle(List<RunData> runs, Checkpoint at, Optional<String> workItem) {
    Map<String, LogEntry> entries = new LinkedHashMap<>();
    for (RunData r : runs) {
      entries.put(r.runId(), entry(r.runId(), at));
    }
    return bundle(runs, at, workItem, entries, publicKeys(), logKey.publicKey());
  }

  Map<String, byte[]> publicKeys() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    hosts.forEach((id, k) -> keys.put(id, k.publicKey()));
    return keys;
  }

  static byte[] bundle(
      List<RunData> runs,
      Checkpoint at,
      Optional<String> workItem,
      Map<String, LogEntry> entries,
      Map<String, byte[]> hostKeys,
      byte[] logPublicKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BundleWriter w = new BundleWriter(out, workItem, logPublicKey, at, hostKeys)) {
      for (RunData r : runs) {
        w.beginRun(r.runId(), r.hostId(), entries.get(r.runId()), r.signatures());
        for (ChainedReceipt c : r.receipts()) {
          w.receipt(c);
        }
        w.endRun();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
