package dev.nome.server.audit;

import dev.nome.core.receipt.BundleWriter;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.Checkpoint;
import dev.nome.core.receipt.JsonValues;
import dev.nome.core.receipt.LogEntry;
import dev.nome.core.receipt.RunHead;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes self-contained audit bundles (see {@link BundleWriter}): the runs' receipts as stored,
 * their signatures, the host keys the log bound to them, the latest checkpoint, each run head's
 * inclusion proof under it and the consistency proof from the checkpoint the head was accepted
 * under.
 */
final class AuditExport {

  /** Raised when a requested run is not in the store. */
  static final class UnknownRun extends RuntimeException {
    UnknownRun(String runId) {
      super("no receipts for run " + runId, null, false, false);
    }
  }

  private final AuditStore store;

  AuditExport(AuditStore store) {
    this.store = store;
  }

  private record RunPart(
      String runId, String hostId, LogEntry entry, List<ChainSignature> signatures) {}

  // Receipts are read after the snapshot; those accepted since are left out, so that the bundle
  // holds exactly the chain up to the head the log recorded.

  void write(List<String> runIds, Optional<String> workItem, OutputStream out) throws IOException {
    AuditLog log = store.log();
    // One consistent snapshot of the log for the whole bundle: proofs and checkpoint agree.
    List<RunPart> parts = new ArrayList<>();
    Map<String, byte[]> hostKeys = new LinkedHashMap<>();
    Checkpoint checkpoint;
    store.writeLock().lock();
    try {
      checkpoint =
          store
              .jdbi()
              .inTransaction(
                  h -> {
                    log.sync(h);
                    Checkpoint latest =
                        log.latest(h).orElseThrow(() -> new UnknownRun(runIds.getFirst()));
                    for (String runId : runIds) {
                      parts.add(part(h, log, runId, latest, hostKeys));
                    }
                    return latest;
                  });
    } finally {
      store.writeLock().unlock();
    }
    try (BundleWriter w = new BundleWriter(out, workItem, log.publicKey(), checkpoint, hostKeys)) {
      for (RunPart part : parts) {
        w.beginRun(part.runId(), part.hostId(), part.entry(), part.signatures());
        store
            .jdbi()
            .useHandle(
                h -> {
                  try (var bodies =
                      h
                          .createQuery(
                              "SELECT body FROM audit_receipt WHERE run_id = :run AND seq <= :last"
                                  + " ORDER BY seq")
                          .bind("run", part.runId())
                          .bind("last", part.entry().head().seq())
                          .setFetchSize(1000)
                          .mapTo(String.class)
                          .stream()) {
                    var it = bodies.iterator();
                    while (it.hasNext()) {
                      w.rawReceipt(it.next());
                    }
                  }
                });
        w.endRun();
      }
    }
  }

  private static RunPart part(
      Handle h, AuditLog log, String runId, Checkpoint latest, Map<String, byte[]> hostKeys) {
    AuditStore.RunRow run = AuditStore.run(h, runId).orElseThrow(() -> new UnknownRun(runId));
    String leafData =
        h.createQuery("SELECT leaf_data FROM audit_log_leaf WHERE leaf_index = :i")
            .bind("i", run.leafIndex())
            .mapTo(String.class)
            .one();
    RunHead head = RunHead.fromMap(JsonValues.parseObject(leafData));
    Checkpoint accepted = log.at(h, run.leafIndex() + 1).orElseThrow();
    hostKeys.put(head.hostId(), head.hostKey());
    LogEntry entry =
        new LogEntry(
            run.leafIndex(),
            head,
            accepted,
            log.inclusionProof(run.leafIndex(), latest.size()),
            log.consistencyProof(accepted.size(), latest.size()));
    return new RunPart(runId, run.hostId(), entry, AuditStore.signatures(h, runId));
  }
}
