package dev.nome.server.audit;

import dev.nome.core.receipt.Checkpoint;
import dev.nome.core.receipt.Digest;
import dev.nome.core.receipt.HostSigner;
import dev.nome.core.receipt.Ids;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.server.http.ApiError;
import dev.nome.server.storage.StorageException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit API.
 *
 * <ul>
 *   <li>{@code POST /api/runs/{id}/receipts}: a paired host uploads a {@link ReceiptBatch} of its
 *       run; 200 with the acknowledgement once durable, 400/403/409 with the error shape when
 *       refused (nothing stored).
 *   <li>{@code GET /api/runs/{id}/receipts}: the run's stored chain (a signed-in reader of the
 *       run's account, or the run's own host).
 *   <li>{@code GET /api/audit/checkpoint}: the latest signed checkpoint and the log's public key.
 *   <li>{@code GET /api/audit/proofs/inclusion?index=&size=} and {@code
 *       /api/audit/proofs/consistency?from=&to=}: RFC 9162 proofs.
 *   <li>{@code GET /api/audit/export?run=…&run=…} or {@code ?workItem=…}: a bundle (a reader of the
 *       runs' or the work item's account only).
 * </ul>
 *
 * A run or work item of another account reads as unknown (404), as one that does not exist.
 *
 * <p>Nothing here logs or counts content: logs say what failed by error code, telemetry counts.
 */
public final class AuditApi {

  private static final Logger log = LoggerFactory.getLogger(AuditApi.class);

  private final AuditStore store;
  private final AuditExport export;
  private final AuditMetrics metrics;
  private final Function<String, ScrubbedText> scrubber;

  public AuditApi(
      Jdbi jdbi,
      HostDirectory hosts,
      RunDirectory runs,
      HostSigner logKey,
      Function<String, ScrubbedText> scrubber,
      MeterRegistry registry,
      Clock clock) {
    this.store = new AuditStore(jdbi, hosts, runs, new AuditLog(logKey), clock);
    this.export = new AuditExport(store);
    this.metrics = new AuditMetrics(registry);
    this.scrubber = scrubber;
  }

  public AuditStore store() {
    return store;
  }

  /**
   * Verifies the stored chain of {@code runId} as a reviewer would verify its exported bundle
   * (chain, host signatures, inclusion in the log, checkpoint under this log's key). Empty when no
   * receipts of the run were stored.
   */
  public Optional<dev.nome.core.receipt.Verification> verifyRun(String runId) {
    if (!Ids.isValid(runId)) {
      return Optional.empty();
    }
    var buffer = new java.io.ByteArrayOutputStream();
    try {
      export.write(List.of(runId), Optional.empty(), buffer);
    } catch (AuditExport.UnknownRun e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Optional.of(
        new dev.nome.core.receipt.BundleVerifier(scrubber, Optional.of(store.log().publicKey()))
            .verify(new java.io.ByteArrayInputStream(buffer.toByteArray())));
  }

  /** The scrubber receipts are decoded with. */
  public Function<String, ScrubbedText> scrubber() {
    return scrubber;
  }

  public void register(Javalin app) {
    app.post("/api/runs/{id}/receipts", this::upload);
    app.get("/api/runs/{id}/receipts", this::read);
    app.get("/api/audit/checkpoint", this::checkpoint);
    app.get("/api/audit/proofs/inclusion", this::inclusion);
    app.get("/api/audit/proofs/consistency", this::consistency);
    app.get("/api/audit/export", this::export);
  }

  private void upload(Context ctx) {
    String hostId =
        AuditCallers.host(ctx)
            .orElseThrow(
                () ->
                    new ApiError(
                        HttpStatus.UNAUTHORIZED,
                        "unauthenticated",
                        "uploading receipts needs a paired host's device token"));
    String runId = runId(ctx);
    long started = System.nanoTime();
    try {
      ReceiptBatch batch = ReceiptBatch.read(ctx.bodyInputStream(), scrubber);
      Accepted a = store.accept(hostId, runId, batch);
      metrics.accepted(batch.receipts().size(), System.nanoTime() - started);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("run", a.runId());
      body.put("acceptedThrough", a.seq());
      body.put("head", a.head().hex());
      body.put("leafIndex", a.leafIndex());
      body.put("checkpoint", a.checkpoint().toMap());
      ctx.json(body);
    } catch (UploadRejected e) {
      metrics.rejected(e.reason(), System.nanoTime() - started);
      log.info("refused a receipt batch: {}", e.reason().code());
      throw e.toApiError();
    } catch (JdbiException | StorageException e) {
      // JDBI's messages quote statements and bound values: never log them.
      log.error("the audit store failed to store a batch ({})", e.getClass().getSimpleName());
      throw new ApiError(
          HttpStatus.SERVICE_UNAVAILABLE,
          "unavailable",
          "the audit store cannot store receipts now");
    }
  }

  private void read(Context ctx) {
    String runId = runId(ctx);
    Optional<String> host = AuditCallers.host(ctx);
    Optional<String> reader = AuditCallers.reader(ctx);
    if (reader.isEmpty() && host.isEmpty()) {
      throw unauthenticated();
    }
    // Whose run it is, before its chain is read: another account's reads as unknown.
    boolean readerOfTheRun = reader.isPresent() && isOwnRun(reader.get(), runId);
    if (!readerOfTheRun && host.isEmpty()) {
      throw ApiError.notFound("no receipts for run " + runId);
    }
    AuditStore.StoredRun run =
        store.read(runId).orElseThrow(() -> ApiError.notFound("no receipts for run " + runId));
    if (!readerOfTheRun && !run.run().hostId().equals(host.get())) {
      throw ApiError.notFound("no receipts for run " + runId);
    }
    StringBuilder out = new StringBuilder(run.receipts().size() * 600 + 256);
    out.append("{\"run\":\"").append(runId).append("\",\"host\":\"").append(run.run().hostId());
    out.append("\",\"nextSeq\":").append(run.run().nextSeq());
    out.append(",\"ended\":").append(run.run().ended());
    out.append(",\"receipts\":[");
    for (int i = 0; i < run.receipts().size(); i++) {
      out.append(i == 0 ? "" : ",").append(run.receipts().get(i));
    }
    out.append("],\"signatures\":[");
    for (int i = 0; i < run.signatures().size(); i++) {
      out.append(i == 0 ? "" : ",");
      dev.nome.core.receipt.CanonicalJson.write(out, run.signatures().get(i).toMap());
    }
    out.append("]}");
    ctx.contentType("application/json").result(out.toString());
  }

  private void checkpoint(Context ctx) {
    requireAnyCaller(ctx);
    Checkpoint cp =
        store
            .jdbi()
            .withHandle(h -> store.log().latest(h))
            .orElseThrow(() -> ApiError.notFound("the audit log is empty"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("checkpoint", cp.toMap());
    body.put("publicKey", Base64.getEncoder().encodeToString(store.log().publicKey()));
    ctx.json(body);
  }

  private void inclusion(Context ctx) {
    requireAnyCaller(ctx);
    long index = longParam(ctx, "index");
    long size = longParam(ctx, "size");
    List<Digest> proof = proofs(() -> store.log().inclusionProof(index, size), size);
    ctx.json(Map.of("index", index, "size", size, "proof", hex(proof)));
  }

  private void consistency(Context ctx) {
    requireAnyCaller(ctx);
    long from = longParam(ctx, "from");
    long to = longParam(ctx, "to");
    List<Digest> proof = proofs(() -> store.log().consistencyProof(from, to), to);
    ctx.json(Map.of("from", from, "to", to, "proof", hex(proof)));
  }

  private List<Digest> proofs(java.util.function.Supplier<List<Digest>> make, long size) {
    store.writeLock().lock();
    try {
      store.log().refresh(store.jdbi());
      return make.get();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    } finally {
      store.writeLock().unlock();
    }
  }

  private void export(Context ctx) throws IOException {
    String reader = AuditCallers.reader(ctx).orElseThrow(AuditApi::unauthenticated);
    List<String> runs = new ArrayList<>(ctx.queryParams("run"));
    Optional<String> workItem = Optional.ofNullable(ctx.queryParam("workItem"));
    for (String r : runs) {
      checkId("run", r);
    }
    if (workItem.isPresent()) {
      checkId("workItem", workItem.get());
      if (!runs.isEmpty()) {
        throw ApiError.badRequest("export either runs or a work item, not both");
      }
      if (!store.accountOfWorkItem(workItem.get()).equals(Optional.of(reader))) {
        throw ApiError.notFound("no runs recorded for work item " + workItem.get());
      }
      // A run recorded under the work item counts only when the control plane agrees it is this
      // account's: a chain claiming the work item is not enough.
      store.runsOfWorkItem(workItem.get()).stream()
          .filter(r -> isOwnRun(reader, r))
          .forEach(runs::add);
      if (runs.isEmpty()) {
        throw ApiError.notFound("no runs recorded for work item " + workItem.get());
      }
    } else {
      if (runs.isEmpty()) {
        throw ApiError.badRequest("name at least one run (run=ID) or a work item (workItem=ID)");
      }
      if (runs.stream().distinct().count() != runs.size()) {
        throw ApiError.badRequest("a run is named twice");
      }
      // The work item's runs were kept only when they are this account's; named ones are checked.
      for (String r : runs) {
        if (!isOwnRun(reader, r)) {
          throw ApiError.notFound("no receipts for run " + r);
        }
      }
    }
    var buffer = new java.io.ByteArrayOutputStream();
    try {
      export.write(runs, workItem, buffer);
    } catch (AuditExport.UnknownRun e) {
      throw ApiError.notFound(e.getMessage());
    }
    metrics.exported();
    ctx.contentType("application/json").result(buffer.toByteArray());
  }

  /** Whether the control plane started {@code runId} for {@code accountId}. */
  private boolean isOwnRun(String accountId, String runId) {
    return store.owner(runId).map(o -> o.accountId().equals(accountId)).orElse(false);
  }

  private static String runId(Context ctx) {
    return checkId("run id", ctx.pathParam("id"));
  }

  private static String checkId(String what, String value) {
    if (!Ids.isValid(value)) {
      throw ApiError.badRequest(what + " is not a valid identifier");
    }
    return value;
  }

  private static void requireAnyCaller(Context ctx) {
    if (AuditCallers.reader(ctx).isEmpty() && AuditCallers.host(ctx).isEmpty()) {
      throw unauthenticated();
    }
  }

  private static ApiError unauthenticated() {
    return new ApiError(
        HttpStatus.UNAUTHORIZED, "unauthenticated", "reading the audit trail needs a sign-in");
  }

  private static long longParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    try {
      return Long.parseLong(v == null ? "" : v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a whole number");
    }
  }

  private static List<String> hex(List<Digest> proof) {
    return proof.stream().map(Digest::hex).toList();
  }
}
