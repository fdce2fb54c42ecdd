package dev.nome.server.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;

/** The audit store's telemetry: how many batches and receipts, how long; never which or what. */
final class AuditMetrics {

  private final Counter receiptsAccepted;
  private final Counter batchesAccepted;
  private final Map<UploadRejected.Reason, Counter> batchesRejected =
      new EnumMap<>(UploadRejected.Reason.class);
  private final Timer upload;
  private final Counter exports;

  AuditMetrics(MeterRegistry registry) {
    receiptsAccepted =
        Counter.builder("nome.audit.receipts.accepted")
            .description("Receipts stored in the audit store")
            .register(registry);
    batchesAccepted =
        Counter.builder("nome.audit.batches")
            .description("Receipt batches uploaded, by outcome")
            .tag("outcome", "accepted")
            .tag("reason", "none")
            .register(registry);
    for (UploadRejected.Reason reason : UploadRejected.Reason.values()) {
      batchesRejected.put(
          reason,
          Counter.builder("nome.audit.batches")
              .description("Receipt batches uploaded, by outcome")
              .tag("outcome", "rejected")
              .tag("reason", reason.code())
              .register(registry));
    }
    upload =
        Timer.builder("nome.audit.upload")
            .description("Time to check and store one batch")
            .register(registry);
    exports =
        Counter.builder("nome.audit.exports").description("Bundles exported").register(registry);
  }

  void accepted(int receipts, long nanos) {
    receiptsAccepted.increment(receipts);
    batchesAccepted.increment();
    upload.record(java.time.Duration.ofNanos(nanos));
  }

  void rejected(UploadRejected.Reason reason, long nanos) {
    batchesRejected.get(reason).increment();
    upload.record(java.time.Duration.ofNanos(nanos));
  }

  void exported() {
    exports.increment();
  }
}
