package dev.nome.core.receipt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nome.core.receipt.Problem.Kind;
import dev.nome.core.secrets.ScrubbedText;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks an audit bundle offline and names the first problem: each run's chain (sequence, links,
 * digests, start and end), the host signatures over it, the host keys the log bound to it, the
 * run's head in the log (inclusion under the bundle's checkpoint), the log's growth since the run
 * was accepted (consistency), and the checkpoints' signatures.
 *
 * <p>Receipts are read as a stream and only their digests are kept, so memory grows by 32 bytes per
 * receipt. Content fields pass the scrubber again while decoding: a receipt holding text the
 * scrubber would change does not verify.
 */
public final class BundleVerifier {

  private final Function<String, ScrubbedText> scrubber;
  private final Optional<byte[]> trustedLogKey;

  /**
   * @param scrubber the secret scrubber, applied to every content field read
   * @param trustedLogKey the log key the reviewer trusts; when empty, the bundle's own key is used
   *     (which proves internal consistency, not who signed)
   */
  public BundleVerifier(Function<String, ScrubbedText> scrubber, Optional<byte[]> trustedLogKey) {
    this.scrubber = scrubber;
    this.trustedLogKey = trustedLogKey.map(byte[]::clone);
  }

  /** Signals the first problem out of the nested reading code. */
  private static final class Found extends Exception {
    final Problem problem;

    Found(Problem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }

  public Verification verify(InputStream in) {
    try (JsonParser p = JsonValues.FACTORY.createParser(in)) {
      return new Run(p).all();
    } catch (Found f) {
      return new Verification.Failed(f.problem);
    } catch (ReceiptFormatException e) {
      return new Verification.Failed(Problem.of(Kind.MALFORMED, e.getMessage()));
    } catch (IOException e) {
      return new Verification.Failed(
          Problem.of(Kind.MALFORMED, JsonValues.notJson(e).getMessage()));
    }
  }

  /** The state of one verification. */
  private final class Run {
    final JsonParser p;
    Optional<String> workItem = Optional.empty();
    byte[] logKey;
    Checkpoint checkpoint;
    Map<String, byte[]> hosts;
    final List<RunState> runs = new ArrayList<>();
    final Set<String> runIds = new HashSet<>();
    long receipts;

    Run(JsonParser p) {
      this.p = p;
    }

    Verification all() throws IOException, Found {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("a bundle is a JSON object");
      }
      boolean formatSeen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "format" -> {
            if (!BundleWriter.FORMAT.equals(JsonValues.read(p))) {
              throw malformed("not a " + BundleWriter.FORMAT + " bundle");
            }
            formatSeen = true;
          }
          case "workItem" -> {
            if (!(JsonValues.read(p) instanceof String w) || !Ids.isValid(w)) {
              throw malformed("workItem must be an identifier");
            }
            workItem = Optional.of(w);
          }
          case "log" -> readLog(JsonValues.read(p));
          case "hosts" -> readHosts(JsonValues.read(p));
          case "runs" -> readRuns();
          default -> throw malformed("the bundle has an unknown member");
        }
      }
      if (p.nextToken() != null) {
        throw malformed("trailing content after the bundle");
      }
      if (!formatSeen || logKey == null || hosts == null) {
        throw malformed("the bundle lacks its format, log or hosts");
      }
      if (trustedLogKey.isPresent() && !MessageDigest.isEqual(trustedLogKey.get(), logKey)) {
        throw new Found(
            Problem.of(Kind.BAD_CHECKPOINT, "the bundle's log key is not the trusted log key"));
      }
      if (!checkpoint.verify(logKey)) {
        throw new Found(
            Problem.of(Kind.BAD_CHECKPOINT, "the checkpoint's signature does not verify"));
      }
      for (RunState run : runs) {
        run.finish();
      }
      return new Verification.Verified(runs.size(), receipts, checkpoint.size());
    }

    void readLog(Object json) {
      Fields f = new Fields("log", json);
      logKey = f.base64("publicKey");
      checkpoint = Checkpoint.fromMap(f.object("checkpoint").raw());
      f.done();
    }

    void readHosts(Object json) {
      if (!(json instanceof List<?> list)) {
        throw new ReceiptFormatException("hosts must be an array");
      }
      hosts = new HashMap<>();
      for (Object o : list) {
        Fields f = new Fields("host", o);
        hosts.put(f.id("host"), f.base64("publicKey"));
        f.done();
      }
    }

    void readRuns() throws IOException, Found {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw malformed("runs must be an array");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        readRun();
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw malformed("runs must be an array of objects");
      }
    }

    void readRun() throws IOException, Found {
      RunState run = null;
      String hostId = null;
      LogEntry entry = null;
      List<ChainSignature> signatures = null;
      boolean receiptsSeen = false;
      String runId = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "run" -> {
            if (!(JsonValues.read(p) instanceof String r) || !Ids.isValid(r)) {
              throw malformed("a run's id must be an identifier");
            }
            runId = r;
            if (!runIds.add(runId)) {
              throw new Found(Problem.run(runId, Kind.REPLAYED, "the run appears twice"));
            }
          }
          case "host" -> {
            if (!(JsonValues.read(p) instanceof String h) || !Ids.isValid(h)) {
              throw malformed("a run's host must be an identifier");
            }
            hostId = h;
          }
          case "logEntry" -> entry = LogEntry.fromMap(JsonValues.read(p));
          case "signatures" -> {
            if (!(JsonValues.read(p) instanceof List<?> list)) {
              throw malformed("signatures must be an array");
            }
            signatures = new ArrayList<>(list.size());
            for (Object o : list) {
              signatures.add(ChainSignature.fromMap(o));
            }
          }
          case "receipts" -> {
            if (runId == null || hostId == null) {
              throw malformed("a run's id and host must come before its receipts");
            }
            run = new RunState(runId, hostId);
            readReceipts(run);
            receiptsSeen = true;
          }
          default -> throw malformed("a run has an unknown member");
        }
      }
      if (run == null || !receiptsSeen || entry == null || signatures == null) {
        throw malformed("a run lacks its id, host, log entry, signatures or receipts");
      }
      run.entry = entry;
      run.signatures = signatures;
      run.endOfStream();
      runs.add(run);
    }

    void readReceipts(RunState run) throws IOException, Found {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw malformed("receipts must be an array");
      }
      long position = 0;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        ChainedReceipt r;
        try {
          r = ReceiptJson.fromMap(JsonValues.read(p), scrubber);
        } catch (ReceiptFormatException e) {
          throw new Found(
              Problem.run(
                  run.runId,
                  Kind.MALFORMED,
                  "the receipt at position " + position + " is malformed: " + e.getMessage()));
        }
        run.accept(r);
        position++;
        receipts++;
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw malformed("receipts must be an array of objects");
      }
    }

    /** The chain of one run as it streams past. */
    final class RunState {
      final String runId;
      final String hostId;
      LogEntry entry;
      List<ChainSignature> signatures;
      byte[] digests = new byte[32 * 1024];
      long next;
      Digest head = Digest.ZERO;
      boolean ended;
      Optional<String> startedWorkItem = Optional.empty();
      ChainedReceipt pendingAhead;

      RunState(String runId, String hostId) {
        this.runId = runId;
        this.hostId = hostId;
      }

      void accept(ChainedReceipt r) throws Found {
        if (!r.runId().equals(runId)) {
          throw new Found(
              Problem.receipt(
                  runId,
                  r.seq(),
                  Kind.SPLICED,
                  "the receipt belongs to run " + r.runId() + ", not to this run"));
        }
        if (pendingAhead != null) {
          ChainedReceipt ahead = pendingAhead;
          if (r.seq() == next) {
            throw new Found(
                Problem.receipt(
                    runId,
                    ahead.seq(),
                    Kind.REORDERED,
                    "receipt " + ahead.seq() + " comes before receipt " + next));
          }
          throw missing();
        }
        long s = r.seq();
        if (s < next) {
          Digest earlier = digestAt(s);
          if (earlier.equals(r.digest()) && r.digestHolds()) {
            throw new Found(
                Problem.receipt(runId, s, Kind.REPLAYED, "the receipt appears a second time"));
          }
          throw new Found(
              Problem.receipt(
                  runId,
                  s,
                  Kind.INSERTED,
                  "a second, different receipt claims this sequence number"));
        }
        if (s > next) {
          pendingAhead = r;
          return;
        }
        if (ended) {
          throw new Found(
              Problem.receipt(runId, s, Kind.AFTER_END, "the receipt follows the run's end"));
        }
        Digest computed = r.computeDigest();
        if (!computed.equals(r.digest())) {
          throw new Found(
              Problem.receipt(
                  runId, s, Kind.EDITED, "the receipt's content does not match its digest"));
        }
        if (!r.previous().equals(head)) {
          throw new Found(
              Problem.receipt(
                  runId,
                  s,
                  Kind.BROKEN_LINK,
                  s == 0
                      ? "the first receipt does not start a chain"
                      : "the receipt does not link to receipt "
                          + (s - 1)
                          + " (one of them was altered)"));
        }
        boolean start = r.receipt() instanceof RunStarted;
        if (start != (s == 0)) {
          throw new Found(
              Problem.receipt(
                  runId,
                  s,
                  Kind.MALFORMED,
                  s == 0
                      ? "the run does not begin with run_started"
                      : "run_started after the start"));
        }
        if (r.receipt() instanceof RunStarted started) {
          if (!started.hostId().equals(hostId)) {
            throw new Found(
                Problem.receipt(
                    runId,
                    s,
                    Kind.SPLICED,
                    "the run started on another host than the bundle says"));
          }
          startedWorkItem = started.workItemId();
        }
        ended = r.receipt() instanceof RunEnded;
        store(s, computed);
        head = computed;
        next++;
      }

      private Found missing() {
        return new Found(
            Problem.receipt(
                runId,
                next,
                Kind.MISSING,
                "the receipt is missing (receipt "
                    + pendingAhead.seq()
                    + " follows "
                    + (next - 1)
                    + ")"));
      }

      void endOfStream() throws Found {
        if (pendingAhead != null) {
          throw missing();
        }
        if (next == 0) {
          throw new Found(Problem.run(runId, Kind.MALFORMED, "the run has no receipts"));
        }
      }

      private void store(long seq, Digest d) {
        int at = Math.toIntExact(seq * 32);
        if (at + 32 > digests.length) {
          digests = Arrays.copyOf(digests, Math.max(digests.length * 2, at + 32));
        }
        System.arraycopy(d.bytesUnsafe(), 0, digests, at, 32);
      }

      private Digest digestAt(long seq) {
        int at = Math.toIntExact(seq * 32);
        return Digest.owning(Arrays.copyOfRange(digests, at, at + 32));
      }

      /** The checks that need the whole run, its signatures, the hosts and the log. */
      void finish() throws Found {
        long last = next - 1;
        RunHead logged = entry.head();
        if (!logged.runId().equals(runId) || !logged.hostId().equals(hostId)) {
          throw new Found(
              Problem.run(runId, Kind.NOT_IN_LOG, "the log entry is about another run or host"));
        }
        if (workItem.isPresent() && !startedWorkItem.equals(workItem)) {
          throw new Found(
              Problem.receipt(
                  runId,
                  0,
                  Kind.WRONG_WORK_ITEM,
                  "the run is not part of work item " + workItem.get()));
        }
        if (last < logged.seq()) {
          throw new Found(
              Problem.receipt(
                  runId,
                  last + 1,
                  Kind.TRUNCATED,
                  "the receipts end at "
                      + last
                      + " but the log holds the run's head at "
                      + logged.seq()));
        }
        if (last > logged.seq()) {
          throw new Found(
              Problem.receipt(
                  runId,
                  logged.seq() + 1,
                  Kind.NOT_LOGGED,
                  "receipts after " + logged.seq() + " are not covered by the log"));
        }
        byte[] hostKey = hosts.get(hostId);
        if (hostKey == null) {
          throw new Found(
              Problem.run(runId, Kind.UNKNOWN_HOST, "host " + hostId + " is not in the bundle"));
        }
        if (!MessageDigest.isEqual(hostKey, logged.hostKey())) {
          throw new Found(
              Problem.run(
                  runId,
                  Kind.UNKNOWN_HOST,
                  "host " + hostId + "'s key differs from the one the log recorded"));
        }
        boolean headSigned = false;
        for (ChainSignature s : signatures) {
          if (!s.runId().equals(runId) || !s.hostId().equals(hostId) || s.seq() > last) {
            throw new Found(
                Problem.receipt(
                    runId,
                    Math.min(s.seq(), last),
                    Kind.BAD_SIGNATURE,
                    "a signature is about another run, host or receipt"));
          }
          if (!s.head().equals(digestAt(s.seq())) || !s.verify(hostKey)) {
            throw new Found(
                Problem.receipt(
                    runId,
                    s.seq(),
                    Kind.BAD_SIGNATURE,
                    "the host's signature over the chain up to this receipt does not verify"));
          }
          headSigned |= s.seq() == last;
        }
        if (!headSigned) {
          throw new Found(
              Problem.receipt(
                  runId, last, Kind.UNSIGNED, "the chain's last receipt carries no signature"));
        }
        if (!logged.head().equals(head)) {
          throw new Found(
              Problem.receipt(
                  runId, last, Kind.NOT_IN_LOG, "the log holds another head for this receipt"));
        }
        Checkpoint accepted = entry.accepted();
        if (!accepted.verify(logKey)) {
          throw new Found(
              Problem.run(
                  runId,
                  Kind.BAD_CHECKPOINT,
                  "the checkpoint the run was accepted under does not verify"));
        }
        if (checkpoint.size() < accepted.size()
            || !MerkleProofs.verifyConsistency(
                accepted.size(),
                accepted.root(),
                checkpoint.size(),
                checkpoint.root(),
                entry.consistency())) {
          throw new Found(
              Problem.run(
                  runId,
                  Kind.LOG_ROLLED_BACK,
                  "the log at size "
                      + checkpoint.size()
                      + " does not extend the log at size "
                      + accepted.size()
                      + " the run was accepted under"));
        }
        if (entry.index() >= accepted.size()
            || !MerkleProofs.verifyInclusion(
                logged.leafHash(),
                entry.index(),
                checkpoint.size(),
                entry.inclusion(),
                checkpoint.root())) {
          throw new Found(
              Problem.receipt(
                  runId,
                  last,
                  Kind.NOT_IN_LOG,
                  "the run's head is not in the log at index " + entry.index()));
        }
      }
    }

    Found malformed(String message) {
      return new Found(Problem.of(Kind.MALFORMED, message));
    }
  }

  /** Decodes a base64 public key; for callers reading keys from files or options. */
  public static byte[] publicKeyFromBase64(String text) {
    byte[] key = Base64.getDecoder().decode(text.strip());
    if (key.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    return key;
  }
}
