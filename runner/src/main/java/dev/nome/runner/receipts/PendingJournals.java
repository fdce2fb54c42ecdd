package dev.nome.runner.receipts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.HostRevoked;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.secrets.Scrubber;
import dev.nome.runner.control.RevokedException;
import dev.nome.runner.runs.RunStanding;
import dev.nome.runner.runs.RunsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The receipt journals an earlier runner left in the queue folder ({@code ~/.nome/queue/*.jsonl}):
 * at start-up, each one the audit store does not fully hold is uploaded with its chain intact, and
 * each one that is fully held and whose chain has ended is deleted (the file is only a queue).
 *
 * <p>Per journal: read it back ({@link RunJournals#read}); ask the control plane how far it holds
 * the run ({@code GET /api/runs/{id}/receipts}: {@code nextSeq}, 404 for none); send the rest with
 * a {@link ReceiptUploader} (which retries with backoff while the control plane is away) and delete
 * the file when all of it is acknowledged and the chain has ended. A journal that cannot be read is
 * renamed to {@code <run>.jsonl.bad} and reported, never dropped; one the audit store refuses is
 * left in place and reported. A 401 (this host was revoked) stops the scan and keeps every file.
 *
 * <p>The journals of runs that are still going are not touched by a scan that started before they
 * did: {@link #startInBackground} lists the folder before it returns.
 */
public final class PendingJournals implements AutoCloseable {

  /** What became of one journal. */
  public enum Kind {
    /** Sent now; acknowledged and ended, so deleted. */
    UPLOADED,
    /** The audit store already held all of it and the chain had ended: deleted (or gone). */
    REMOVED,
    /** Left in place: the chain has not ended, or part of it cannot be sent yet. */
    KEPT,
    /** The audit store refused the chain; left in place. */
    REFUSED,
    /** Unreadable or not a journal; renamed to {@code .bad} (or left, if that failed). */
    BAD,
    /** Not looked at: the scan stopped because this host was revoked. */
    NOT_SCANNED
  }

  /**
   * One journal's outcome; {@code detail} is free of receipt content (ids, counts, codes).
   *
   * @param file the journal's file as it is now ({@code .bad} when renamed)
   */
  public record Outcome(Path file, Kind kind, String detail) {
    public Outcome {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return file.getFileName()
          + ": "
          + kind.name().toLowerCase(java.util.Locale.ROOT)
          + ", "
          + detail;
    }
  }

  /** What a scan did; {@code revoked} when it stopped at a 401. */
  public record Report(List<Outcome> outcomes, boolean revoked) {
    public Report {
      outcomes = List.copyOf(outcomes);
    }
  }

  /** The suffix a journal that cannot be read is renamed with. */
  public static final String BAD_SUFFIX = ".bad";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI server;
  private final String deviceToken;
  private final Path queueDir;
  private final Scrubber scrubber;
  private final RunsClient runs;
  private final Duration retryMin;
  private final Duration retryMax;
  private final Consumer<Outcome> told;
  private final HttpClient http;
  private final AtomicReference<ReceiptUploader> current = new AtomicReference<>();
  private volatile Thread thread;
  private volatile boolean closed;

  /**
   * @param scrubber applied again to every content field read back (as on the server)
   * @param told each outcome as it happens, for the runner's output
   */
  public PendingJournals(
      URI server,
      String deviceToken,
      Path queueDir,
      Scrubber scrubber,
      Duration retryMin,
      Duration retryMax,
      Consumer<Outcome> told) {
    this.server = server;
    this.deviceToken = deviceToken;
    this.queueDir = queueDir;
    this.scrubber = scrubber;
    this.runs = new RunsClient(server, deviceToken, scrubber);
    this.retryMin = retryMin;
    this.retryMax = retryMax;
    this.told = told == null ? o -> {} : told;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public PendingJournals(
      URI server, String deviceToken, Path queueDir, Scrubber scrubber, Consumer<Outcome> told) {
    this(
        server,
        deviceToken,
        queueDir,
        scrubber,
        Duration.ofMillis(250),
        Duration.ofSeconds(30),
        told);
  }

  /** The journals in the queue folder now ({@code *.jsonl}), by name; none when it is missing. */
  public List<Path> list() throws IOException {
    if (!Files.isDirectory(queueDir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(queueDir, "*.jsonl")) {
      for (Path p : dir) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Lists the folder now, then works through the list on a daemon thread; the future completes with
   * the report (or exceptionally if the scan failed unexpectedly).
   */
  public CompletableFuture<Report> startInBackground() throws IOException {
    List<Path> files = list();
    CompletableFuture<Report> done = new CompletableFuture<>();
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("nome-pending-journals")
            .start(
                () -> {
                  try {
                    done.complete(scan(files));
                  } catch (InterruptedException e) {
                    done.completeExceptionally(e);
                  } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                  }
                });
    return done;
  }

  /** Scans the folder as it is now, in this thread. */
  public Report scan() throws IOException, InterruptedException {
    return scan(list());
  }

  /** Works through {@code files} in order, until done or revoked. */
  public Report scan(List<Path> files) throws InterruptedException {
    List<Outcome> out = new ArrayList<>();
    boolean revoked = false;
    for (Path file : files) {
      Outcome o;
      if (revoked) {
        o = new Outcome(file, Kind.NOT_SCANNED, "kept: this host was revoked");
      } else {
        try {
          o = one(file);
        } catch (Revoked r) {
          revoked = true;
          o = new Outcome(file, Kind.NOT_SCANNED, "kept: this host was revoked");
        }
      }
      out.add(o);
      told.accept(o);
    }
    return new Report(out, revoked);
  }

  /** Stops a scan in progress (its current journal stays as it is). */
  @Override
  public void close() {
    closed = true;
    ReceiptUploader u = current.get();
    if (u != null) {
      u.close();
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  /** Whether the control plane shows the run as over; false when it cannot say. */
  private boolean runIsOver(String runId) throws Revoked, InterruptedException {
    try {
      return runs.standing(runId) == RunStanding.ENDED;
    } catch (RevokedException e) {
      throw new Revoked();
    } catch (IOException e) {
      return false;
    }
  }

  /** Tells the control plane that the run stopped before its end; whether it took it. */
  private boolean markStopped(String runId) throws Revoked, InterruptedException {
    try {
      runs.stoppedWithItsRunner(runId);
      return true;
    } catch (RevokedException e) {
      throw new Revoked();
    } catch (IOException e) {
      return false;
    }
  }

  /** This host's device token was refused. */
  private static final class Revoked extends Exception {
    Revoked() {
      super(null, null, false, false);
    }
  }

  /** The control plane answered, but not with where the run stands. */
  private static final class NoAnswer extends Exception {
    NoAnswer(String message) {
      super(message, null, false, false);
    }
  }

  private Outcome one(Path file) throws Revoked, InterruptedException {
    RunJournals.Contents journal;
    String runId;
    try {
      journal = RunJournals.read(file, scrubber::scrub);
      runId = runIdOf(file, journal);
    } catch (java.nio.file.NoSuchFileException e) {
      // Its own run's uploader (another process) removed it since the folder was listed.
      return new Outcome(file, Kind.REMOVED, "already gone");
    } catch (IOException | RuntimeException e) {
      return bad(file, e);
    }
    if (journal.receipts().isEmpty()) {
      return new Outcome(file, Kind.KEPT, "holds no receipt");
    }
    List<ChainedReceipt> receipts = journal.receipts();
    ChainedReceipt last = receipts.get(receipts.size() - 1);
    boolean ended = last.receipt() instanceof RunEnded || last.receipt() instanceof HostRevoked;
    long nextSeq;
    try {
      nextSeq = nextSeq(runId);
    } catch (NoAnswer e) {
      return new Outcome(file, Kind.KEPT, e.getMessage());
    }
    if (nextSeq > last.seq() + 1) {
      return new Outcome(
          file,
          Kind.KEPT,
          "the control plane holds "
              + nextSeq
              + " receipts of run "
              + runId
              + ", more than this journal ("
              + (last.seq() + 1)
              + ")");
    }
    if (nextSeq == last.seq() + 1) {
      // A chain without its end: the audit store holds all of it. A live run still writes it (its
      // end may yet come, even when a person stopped the run), so it stays; with no live run left
      // (its runner was killed) it goes once the control plane shows the run over, or has been
      // told that it stopped.
      if (!ended
          && (RunJournals.heldByALiveRun(file) || !(runIsOver(runId) || markStopped(runId)))) {
        return new Outcome(file, Kind.KEPT, "uploaded; run " + runId + " has not ended");
      }
      try {
        Files.deleteIfExists(file);
        return new Outcome(
            file,
            Kind.REMOVED,
            ended
                ? "run " + runId + " was already uploaded"
                : "run " + runId + " was already uploaded; it stopped before its end");
      } catch (IOException e) {
        return new Outcome(file, Kind.KEPT, "uploaded, but cannot be deleted");
      }
    }
    return upload(file, runId, journal, nextSeq, last.seq(), ended);
  }

  private Outcome upload(
      Path file,
      String runId,
      RunJournals.Contents journal,
      long nextSeq,
      long lastSeq,
      boolean ended)
      throws Revoked, InterruptedException {
    ControlPlaneLink link = new ControlPlaneLink();
    // Nothing is appended to a journal left from an earlier start: the durable side is a no-op.
    ReceiptUploader uploader =
        new ReceiptUploader(server, deviceToken, runId, (r, s) -> {}, link, retryMin, retryMax)
            .removeWhenDone(file)
            .resume(journal, nextSeq);
    current.set(uploader);
    try {
      uploader.start();
      // The uploader retries with backoff while the control plane is away; wait as long as it does.
      while (!uploader.flush(Duration.ofSeconds(5))) {
        if (link.isRevoked()) {
          throw new Revoked();
        }
        if (uploader.refusal().isPresent()) {
          return new Outcome(
              file,
              Kind.REFUSED,
              "the audit store refused run " + runId + ": " + uploader.refusal().get());
        }
        if (closed) {
          throw new InterruptedException();
        }
      }
    } finally {
      uploader.close();
      current.set(null);
    }
    long sent = uploader.acceptedThrough() - (nextSeq - 1);
    if (uploader.removed()) {
      return new Outcome(file, Kind.UPLOADED, sent + " receipts of run " + runId + " sent");
    }
    if (uploader.acceptedThrough() < lastSeq) {
      return new Outcome(
          file,
          Kind.KEPT,
          sent
              + " receipts of run "
              + runId
              + " sent; "
              + (lastSeq - uploader.acceptedThrough())
              + " after its last signature cannot be sent");
    }
    return new Outcome(
        file,
        Kind.KEPT,
        sent
            + " receipts of run "
            + runId
            + " sent; "
            + (ended ? "cannot be deleted" : "it has not ended"));
  }

  /** The run the journal is of: every receipt's, and the file must be that run's journal. */
  private String runIdOf(Path file, RunJournals.Contents journal) throws IOException {
    if (journal.receipts().isEmpty()) {
      return "";
    }
    String runId = journal.receipts().get(0).runId();
    for (ChainedReceipt r : journal.receipts()) {
      if (!r.runId().equals(runId)) {
        throw new IOException("it holds receipts of more than one run");
      }
    }
    if (!RunJournals.file(queueDir, runId).getFileName().equals(file.getFileName())) {
      throw new IOException("its receipts are of another run than its name says");
    }
    return runId;
  }

  private Outcome bad(Path file, Exception e) {
    // The message may quote the journal: it is scrubbed before it goes anywhere.
    String why =
        scrubber
            .scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            .value();
    Path renamed = file.resolveSibling(file.getFileName() + BAD_SUFFIX);
    try {
      Files.move(file, renamed);
      return new Outcome(
          renamed, Kind.BAD, "cannot be read (" + why + "); kept as " + renamed.getFileName());
    } catch (IOException moveFailed) {
      return new Outcome(file, Kind.BAD, "cannot be read (" + why + "); left in place");
    }
  }

  /**
   * How far the audit store holds the run: its {@code nextSeq}, 0 when it holds nothing. Waits
   * (with backoff) while the control plane cannot be reached or answers 5xx.
   */
  private long nextSeq(String runId) throws Revoked, NoAnswer, InterruptedException {
    Duration backoff = retryMin;
    while (true) {
      if (closed) {
        throw new InterruptedException();
      }
      try {
        HttpResponse<String> res =
            http.send(
                HttpRequest.newBuilder(server.resolve("/api/runs/" + runId + "/receipts"))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + deviceToken)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 401) {
          throw new Revoked();
        }
        if (res.statusCode() == 404) {
          return 0;
        }
        int status = res.statusCode();
        if (status == 200) {
          long next = JSON.readTree(res.body()).path("nextSeq").asLong(-1);
          if (next >= 0) {
            return next;
          }
          throw new NoAnswer("the control plane's answer about run " + runId + " has no nextSeq");
        }
        if (status < 500 && status != 429) {
          throw new NoAnswer(
              "the control plane answered " + status + " when asked about run " + runId);
        }
      } catch (IOException e) {
        // away: wait and ask again
      }
      Thread.sleep(backoff.toMillis());
      backoff =
          backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
    }
  }
}
