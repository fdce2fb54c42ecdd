package dev.nome.runner.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.receipt.CanonicalJson;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.HostRevoked;
import dev.nome.core.receipt.ReceiptJournal;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.receipt.RunEnded;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The journal of one run that also uploads it. {@link #append} returns once the durable local
 * journal holds the receipt (that is what the gate waits for); a background thread then sends the
 * chain in batches to {@code POST /api/runs/{id}/receipts}, each batch ending at a signed receipt,
 * so the local journal is the durable queue.
 *
 * <p>When the control plane cannot be reached, the {@link ControlPlaneLink} goes offline (the
 * policy's offline rules apply to new calls), receipts stay queued, and the uploader retries with
 * backoff (probing {@code /api/hosts/me} when it has nothing to send), then sends them with the
 * chain intact. A 401 marks the host revoked and ends uploading. A batch the audit store refuses
 * for its content (bad digest, broken chain, fork…) is not retried: {@link #refusal()} says why.
 *
 * <p>With {@link #removeWhenDone}, the journal file is deleted once the chain has ended (its last
 * receipt is {@link RunEnded} or {@link HostRevoked}) and the audit store acknowledged all of it:
 * the file is only the queue, the control plane holds the record.
 */
public final class ReceiptUploader implements ReceiptJournal, AutoCloseable {

  /** Receipts per request; far below the server's 10,000 and 1 MB limits for ordinary receipts. */
  static final int BATCH = 500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private record Entry(ChainedReceipt receipt, Optional<ChainSignature> signature) {}

  private final URI server;
  private final String deviceToken;
  private final String runId;
  private final ReceiptJournal durable;
  private final ControlPlaneLink link;
  private final Duration retryMin;
  private final Duration retryMax;
  private final HttpClient http;

  private final Deque<Entry> pending = new ArrayDeque<>();
  private long acceptedThrough = -1;
  private long lastSeq = -1;
  private boolean ended;
  private Path removeWhenDone;
  private boolean removed;
  private String refusal;
  private boolean closed;
  private Thread thread;

  public ReceiptUploader(
      URI server,
      String deviceToken,
      String runId,
      ReceiptJournal durable,
      ControlPlaneLink link,
      Duration retryMin,
      Duration retryMax) {
    this.server = server;
    this.deviceToken = deviceToken;
    this.runId = runId;
    this.durable = durable;
    this.link = link;
    this.retryMin = retryMin;
    this.retryMax = retryMax;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    link.probeWith(l -> probe());
    // Someone else found the control plane gone (an approval that could not be sent): wake up and
    // probe, so the link comes back when the control plane does.
    link.onChange(
        () -> {
          synchronized (this) {
            notifyAll();
          }
        });
  }

  public ReceiptUploader(
      URI server, String deviceToken, String runId, ReceiptJournal durable, ControlPlaneLink link) {
    this(server, deviceToken, runId, durable, link, Duration.ofMillis(250), Duration.ofSeconds(30));
  }

  /**
   * Deletes {@code journalFile} (the file behind the durable journal, which is closed first when it
   * can be) once the chain has ended and every receipt of it is acknowledged. Call before {@link
   * #start}.
   */
  public synchronized ReceiptUploader removeWhenDone(Path journalFile) {
    this.removeWhenDone = journalFile;
    return this;
  }

  /** Whether the journal file was deleted ({@link #removeWhenDone}). */
  public synchronized boolean removed() {
    return removed;
  }

  /** Starts the upload thread. */
  public synchronized ReceiptUploader start() {
    if (thread == null) {
      thread = Thread.ofPlatform().daemon().name("nome-receipt-upload-" + runId).start(this::loop);
    }
    return this;
  }

  @Override
  public void append(ChainedReceipt receipt, Optional<ChainSignature> signature)
      throws IOException {
    durable.append(receipt, signature); // throws: nothing is queued, the action does not happen
    synchronized (this) {
      pending.addLast(new Entry(receipt, signature));
      last(receipt);
      notifyAll();
    }
  }

  /** Keeps where the chain stands: its last sequence number and whether that receipt ends it. */
  private void last(ChainedReceipt receipt) {
    if (receipt.seq() > lastSeq) {
      lastSeq = receipt.seq();
      ended = receipt.receipt() instanceof RunEnded || receipt.receipt() instanceof HostRevoked;
    }
  }

  /**
   * Queues a journal read back from disk ({@link RunJournals#read}) after the runner restarted:
   * everything in it is sent again; what the audit store already holds is recognised (409 replay)
   * and skipped, so the chain continues where the store left off.
   */
  public synchronized ReceiptUploader resume(RunJournals.Contents journal) {
    java.util.Map<Long, ChainSignature> bySeq = new java.util.HashMap<>();
    for (ChainSignature s : journal.signatures()) {
      bySeq.put(s.seq(), s);
    }
    for (ChainedReceipt r : journal.receipts()) {
      last(r);
      if (r.seq() > acceptedThrough
          && (pending.isEmpty() || r.seq() > pending.peekLast().receipt().seq())) {
        pending.addLast(new Entry(r, Optional.ofNullable(bySeq.get(r.seq()))));
      }
    }
    notifyAll();
    return this;
  }

  /**
   * As {@link #resume(RunJournals.Contents)}, when the caller has already read how far the audit
   * store holds the run ({@code nextSeq} of {@code GET /api/runs/{id}/receipts}, 0 for none): only
   * the receipts from {@code nextSeq} on are sent.
   */
  public synchronized ReceiptUploader resume(RunJournals.Contents journal, long nextSeq) {
    if (nextSeq - 1 > acceptedThrough) {
      acceptedThrough = nextSeq - 1;
    }
    return resume(journal);
  }

  /** The last sequence number the audit store acknowledged, or -1. */
  public synchronized long acceptedThrough() {
    return acceptedThrough;
  }

  /** Why the audit store refused this run's receipts for good, if it did. */
  public synchronized Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * Waits until every signed receipt appended so far is acknowledged (true), or until the host is
   * revoked, the store refused the chain, or the timeout passed (false).
   */
  public synchronized boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lastSignedIndex() >= 0 && refusal == null && !link.isRevoked()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      notifyAll(); // wake the uploader out of a backoff wait
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return lastSignedIndex() < 0 && refusal == null && !link.isRevoked();
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      notifyAll();
      t = thread;
    }
    if (t != null) {
      t.interrupt();
    }
  }

  private void loop() {
    Duration backoff = retryMin;
    try {
      while (true) {
        List<Entry> batch;
        synchronized (this) {
          while (!closed
              && refusal == null
              && !link.isRevoked()
              && lastSignedIndex() < 0
              && link.online()) {
            wait();
          }
          if (closed || refusal != null || link.isRevoked()) {
            return;
          }
          batch = nextBatch();
        }
        boolean ok = batch.isEmpty() ? probe() : send(batch);
        if (ok) {
          backoff = retryMin;
        } else if (!link.isRevoked()) {
          synchronized (this) {
            if (closed) {
              return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, backoff.toNanos()); // retry, or sooner on flush
          }
          backoff =
              backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** Index in {@link #pending} of the last signed receipt, or -1. */
  private int lastSignedIndex() {
    int i = 0;
    int last = -1;
    for (Entry e : pending) {
      if (e.signature().isPresent()) {
        last = i;
      }
      i++;
    }
    return last;
  }

  /** The oldest pending receipts, at most {@link #BATCH}, ending at a signed one. */
  private List<Entry> nextBatch() {
    List<Entry> out = new ArrayList<>();
    int lastSigned = -1;
    for (Entry e : pending) {
      if (out.size() == BATCH) {
        break;
      }
      out.add(e);
      if (e.signature().isPresent()) {
        lastSigned = out.size() - 1;
      }
    }
    return lastSigned < 0 ? List.of() : List.copyOf(out.subList(0, lastSigned + 1));
  }

  /** Sends one batch; true when the chain moved on (or it was already there). */
  private boolean send(List<Entry> batch) throws InterruptedException {
    TreeMap<String, Object> body = new TreeMap<>();
    body.put("receipts", batch.stream().map(e -> ReceiptJson.toMap(e.receipt())).toList());
    body.put(
        "signatures",
        batch.stream().flatMap(e -> e.signature().stream()).map(ChainSignature::toMap).toList());
    HttpResponse<String> res;
    try {
      res =
          http.send(
              request("/api/runs/" + runId + "/receipts")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(CanonicalJson.toText(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      link.down();
      return false;
    }
    int status = res.statusCode();
    if (status == 200) {
      link.up();
      acknowledged(json(res.body()).path("acceptedThrough").asLong(-1));
      return true;
    }
    String code = json(res.body()).at("/error/code").asText("");
    if (status == 401 || code.equals("host_revoked")) {
      link.revoke();
      synchronized (this) {
        notifyAll();
      }
      return false;
    }
    if (status >= 500 || status == 429) {
      link.down();
      return false;
    }
    link.up();
    if (code.equals("replay") || code.equals("gap")) {
      // An earlier answer was lost, or the store knows more (or less) than we thought: ask.
      return resync();
    }
    synchronized (this) {
      refusal = status + " " + (code.isEmpty() ? "refused" : code);
      notifyAll();
    }
    return false;
  }

  /** Learns how far the audit store has this run, and drops what it already holds. */
  private boolean resync() throws InterruptedException {
    try {
      HttpResponse<String> res =
          http.send(
              request("/api/runs/" + runId + "/receipts").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 401) {
        link.revoke();
        return false;
      }
      long next =
          res.statusCode() == 404 ? 0 : json(res.body()).path("nextSeq").asLong(Long.MIN_VALUE);
      if (next == Long.MIN_VALUE) {
        return false;
      }
      synchronized (this) {
        if (next - 1 < acceptedThrough || next == 0 && acceptedThrough >= 0) {
          refusal = "the audit store lost receipts it had acknowledged";
          notifyAll();
          return false;
        }
      }
      acknowledged(next - 1);
      return true;
    } catch (IOException e) {
      link.down();
      return false;
    }
  }

  private synchronized void acknowledged(long through) {
    if (through > acceptedThrough) {
      acceptedThrough = through;
    }
    while (!pending.isEmpty() && pending.peekFirst().receipt().seq() <= acceptedThrough) {
      pending.removeFirst();
    }
    // Under the lock, so that a flush that sees everything acknowledged also sees the removal.
    if (removeWhenDone != null && !removed && ended && acceptedThrough >= lastSeq) {
      try {
        if (durable instanceof AutoCloseable c) {
          c.close();
        }
        Files.deleteIfExists(removeWhenDone);
        removed = true;
      } catch (Exception e) {
        // Kept: a later rescan (PendingJournals) finds it acknowledged and ended and removes it.
      }
    }
    notifyAll();
  }

  /**
   * Asks the control plane who this host is ({@code GET /api/hosts/me}): an answer means reachable,
   * a 401 means revoked, anything else unreachable.
   */
  boolean probe() throws InterruptedException {
    try {
      HttpResponse<Void> res =
          http.send(request("/api/hosts/me").GET().build(), HttpResponse.BodyHandlers.discarding());
      if (res.statusCode() == 401) {
        link.revoke();
        synchronized (this) {
          notifyAll();
        }
        return false;
      }
      if (res.statusCode() < 500) {
        link.up();
        return true;
      }
    } catch (IOException e) {
      // still away
    }
    link.down();
    return false;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + deviceToken);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
