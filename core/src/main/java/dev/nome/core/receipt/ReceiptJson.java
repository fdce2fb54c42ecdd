package dev.nome.core.receipt;

import dev.nome.core.Tier;
import dev.nome.core.secrets.ScrubbedText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON form of receipts. A chained receipt is the object
 *
 * <pre>{"v":1,"run":…,"seq":…,"prev":hex,"at":millis,"body":{"type":…,…},"digest":hex}</pre>
 *
 * and its digest is SHA-256 over the RFC 8785 canonical JSON of that object without {@code digest}.
 * The form on the wire is itself canonical. Optional members are left out when empty. Decoding is
 * strict (unknown or missing members are errors) and passes every content field through the
 * scrubber again: text from outside is never trusted to be scrubbed already.
 */
public final class ReceiptJson {

  /** The version of the receipt format; part of what the digest covers. */
  public static final int VERSION = 1;

  private static final ThreadLocal<StringBuilder> SCRATCH =
      ThreadLocal.withInitial(() -> new StringBuilder(1024));
  private static final ThreadLocal<java.security.MessageDigest> SHA256 =
      ThreadLocal.withInitial(Digest::newSha256);

  private ReceiptJson() {}

  /** The digest of a receipt's content. */
  public static Digest digestOf(
      String runId, long seq, Digest previous, long atMillis, Receipt receipt) {
    StringBuilder text = SCRATCH.get();
    text.setLength(0);
    writeWithoutDigest(text, runId, seq, previous, atMillis, receipt);
    Digest d = sha256(text);
    if (text.capacity() > 1 << 20) {
      SCRATCH.remove(); // do not keep a huge buffer around after one huge receipt
    }
    return d;
  }

  /**
   * A receipt's content digest computed afresh, and its wire text carrying that digest: one
   * canonical encoding serves both (the server's hot path).
   */
  public record Encoded(Digest digest, String wire) {}

  public static Encoded encode(ChainedReceipt r) {
    StringBuilder text = new StringBuilder(768);
    int bodyEnd =
        writeWithoutDigest(text, r.runId(), r.seq(), r.previous(), r.atMillis(), r.receipt());
    Digest d = sha256(text);
    // "digest" sorts between "body" and "prev".
    text.insert(bodyEnd, ",\"digest\":\"" + d.hex() + "\"");
    return new Encoded(d, text.toString());
  }

  private static Digest sha256(StringBuilder text) {
    return Digest.owning(SHA256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes the envelope's members in canonical order (at, body, prev, run, seq, v) directly, the
   * hot path of verification (a test holds it to the generic writer); returns where the body ends.
   */
  private static int writeWithoutDigest(
      StringBuilder text, String runId, long seq, Digest previous, long atMillis, Receipt receipt) {
    text.append("{\"at\":").append(atMillis).append(",\"body\":");
    CanonicalJson.write(text, body(receipt));
    int bodyEnd = text.length();
    text.append(",\"prev\":\"").append(previous.hex()).append("\",\"run\":");
    CanonicalJson.writeString(text, runId);
    text.append(",\"seq\":").append(seq).append(",\"v\":").append(VERSION).append('}');
    return bodyEnd;
  }

  private static TreeMap<String, Object> envelope(
      String runId, long seq, Digest previous, long atMillis, Receipt receipt) {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("v", (long) VERSION);
    m.put("run", runId);
    m.put("seq", seq);
    m.put("prev", previous.hex());
    m.put("at", atMillis);
    m.put("body", body(receipt));
    return m;
  }

  /** The wire object of a chained receipt, digest included. */
  public static TreeMap<String, Object> toMap(ChainedReceipt r) {
    TreeMap<String, Object> m =
        envelope(r.runId(), r.seq(), r.previous(), r.atMillis(), r.receipt());
    m.put("digest", r.digest().hex());
    return m;
  }

  /** The wire text of a chained receipt (canonical JSON, digest included). */
  public static String toJson(ChainedReceipt r) {
    return CanonicalJson.toText(toMap(r));
  }

  /** The wire bytes of a chained receipt. */
  public static byte[] toBytes(ChainedReceipt r) {
    return toJson(r).getBytes(StandardCharsets.UTF_8);
  }

  /** The JSON object of a receipt body, {@code type} included. */
  public static TreeMap<String, Object> body(Receipt receipt) {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("type", receipt.type());
    switch (receipt) {
      case RunStarted s -> {
        m.put("host", s.hostId());
        s.workItemId().ifPresent(w -> m.put("workItem", w));
      }
      case RouteRecord r -> {
        m.put("authLane", r.authLane());
        m.put("costLane", r.costLane());
        m.put("provider", r.provider());
        m.put("cli", r.cli());
        m.put("cliVersion", r.cliVersion().value());
        m.put("model", r.model());
        if (!r.withheld().isEmpty()) {
          m.put("withheld", r.withheld());
        }
      }
      case ToolIntent t -> {
        m.put("callId", t.callId());
        m.put("tool", t.tool());
        m.put("tier", t.tier().label());
        m.put("input", t.input().value());
        m.put("decision", t.decision().label());
        m.put("rule", t.rule());
        t.approvalRef().ifPresent(a -> m.put("approvalRef", a));
      }
      case ToolReceipt t -> {
        m.put("callId", t.callId());
        m.put("tool", t.tool());
        m.put("tier", t.tier().label());
        m.put("input", t.input().value());
        t.inputFingerprint().ifPresent(f -> m.put("inputFingerprint", f.text()));
        m.put("decision", t.decision().label());
        m.put("rule", t.rule());
        t.approvalRef().ifPresent(a -> m.put("approvalRef", a));
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("head", t.output().head().value());
        out.put("bytes", t.output().fullBytes());
        out.put("digest", t.output().fullDigest().hex());
        m.put("output", out);
        m.put("durationMs", t.durationMillis());
        m.put("success", t.success());
        if (t.exitCode().isPresent()) {
          m.put("exitCode", (long) t.exitCode().getAsInt());
        }
      }
      case ApprovalRecord a -> {
        m.put("requestId", a.requestId());
        m.put("proposedAction", a.proposedAction().value());
        m.put("tool", a.tool());
        m.put("tier", a.tier().label());
        m.put("reason", a.reason().value());
        m.put("decidedBy", a.decidedBy());
        m.put("deviceId", a.deviceId());
        m.put("decidedAt", a.decidedAtMillis());
        m.put("decision", a.decision().label());
        m.put("comment", a.comment().value());
      }
      case ArtifactRef a -> {
        m.put("kind", a.kind().label());
        m.put("digest", a.digest().hex());
        m.put("size", a.size());
        m.put("location", a.location().value());
      }
      case RunEnded e -> {
        m.put("status", e.status().label());
        m.put("stopReason", e.stopReason().value());
      }
      case HostRevoked h -> {
        m.put("host", h.hostId());
        m.put("reason", h.reason().value());
      }
    }
    return m;
  }

  /** Decodes a wire text; see {@link #fromMap}. */
  public static ChainedReceipt parse(String json, Function<String, ScrubbedText> scrubber) {
    return fromMap(JsonValues.parseObject(json), scrubber);
  }

  /**
   * Decodes a wire object. The claimed digest is kept as claimed: check it with {@link
   * ChainedReceipt#digestHolds()}. Content fields pass {@code scrubber} again, so a receipt whose
   * text was not scrubbed decodes to different text and its digest no longer holds.
   *
   * @throws ReceiptFormatException when the object is not a well-formed receipt
   */
  public static ChainedReceipt fromMap(Object json, Function<String, ScrubbedText> scrubber) {
    Fields f = new Fields("receipt", json);
    if (f.integer("v") != VERSION) {
      throw new ReceiptFormatException("receipt has an unsupported version");
    }
    String runId = f.id("run");
    long seq = f.integer("seq");
    Digest previous = f.digest("prev");
    long at = f.integer("at");
    Receipt body = bodyFrom(f.object("body"), scrubber);
    Digest digest = f.digest("digest");
    f.done();
    try {
      return new ChainedReceipt(runId, seq, previous, at, body, digest);
    } catch (IllegalArgumentException e) {
      throw new ReceiptFormatException("receipt: " + e.getMessage(), e);
    }
  }

  private static List<String> names(List<?> values) {
    List<String> out = new java.util.ArrayList<>();
    for (Object v : values) {
      if (!(v instanceof String s)) {
        throw new IllegalArgumentException("withheld names must be strings");
      }
      out.add(s);
    }
    return out;
  }

  private static Receipt bodyFrom(Fields f, Function<String, ScrubbedText> scrub) {
    String type = f.string("type");
    Receipt r;
    try {
      r =
          switch (type) {
            case "run_started" -> new RunStarted(f.id("host"), f.optionalId("workItem"));
            case "route" ->
                new RouteRecord(
                    f.id("authLane"),
                    f.id("costLane"),
                    f.id("provider"),
                    f.id("cli"),
                    f.text("cliVersion", scrub),
                    f.id("model"),
                    f.has("withheld") ? names(f.list("withheld")) : List.of());
            case "tool_intent" ->
                new ToolIntent(
                    f.id("callId"),
                    f.id("tool"),
                    f.parse("tier", Tier::parse),
                    f.text("input", scrub),
                    f.parse("decision", Decision::parse),
                    f.id("rule"),
                    f.optionalId("approvalRef"));
            case "tool" -> toolFrom(f, scrub);
            case "approval" ->
                new ApprovalRecord(
                    f.id("requestId"),
                    f.text("proposedAction", scrub),
                    f.id("tool"),
                    f.parse("tier", Tier::parse),
                    f.text("reason", scrub),
                    f.id("decidedBy"),
                    f.id("deviceId"),
                    f.integer("decidedAt"),
                    f.parse("decision", Decision::parse),
                    f.text("comment", scrub));
            case "artifact" ->
                new ArtifactRef(
                    f.parse("kind", ArtifactKind::parse),
                    f.digest("digest"),
                    f.integer("size"),
                    f.text("location", scrub));
            case "run_ended" ->
                new RunEnded(f.parse("status", RunStatus::parse), f.text("stopReason", scrub));
            case "host_revoked" -> new HostRevoked(f.id("host"), f.text("reason", scrub));
            default -> throw new ReceiptFormatException("receipt has an unknown type");
          };
    } catch (ReceiptFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ReceiptFormatException("receipt body: " + e.getMessage(), e);
    }
    f.done();
    return r;
  }

  private static ToolReceipt toolFrom(Fields f, Function<String, ScrubbedText> scrub) {
    Optional<Fingerprint> fingerprint =
        f.optionalString("inputFingerprint").map(Fingerprint::parse);
    Fields out = f.object("output");
    OutputSummary summary =
        new OutputSummary(out.text("head", scrub), out.integer("bytes"), out.digest("digest"));
    out.done();
    OptionalInt exit = OptionalInt.empty();
    if (f.has("exitCode")) {
      long code = f.integer("exitCode");
      if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
        throw new ReceiptFormatException("exit code out of range");
      }
      exit = OptionalInt.of((int) code);
    } else {
      f.optionalString("exitCode");
    }
    return new ToolReceipt(
        f.id("callId"),
        f.id("tool"),
        f.parse("tier", Tier::parse),
        f.text("input", scrub),
        fingerprint,
        f.parse("decision", Decision::parse),
        f.id("rule"),
        f.optionalId("approvalRef"),
        summary,
        f.integer("durationMs"),
        f.bool("success"),
        exit);
  }

  /** For callers that build maps by hand (signatures, checkpoints). */
  static Map<String, Object> sorted() {
    return new TreeMap<>();
  }
}
