package dev.nome.core.receipt;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an audit bundle, streaming, so that a bundle of millions of receipts never sits in memory.
 * The format (docs/architecture.md, "Receipts and audit") is one JSON object:
 *
 * <pre>
 * {"format":"nome-audit-bundle/1", "workItem":id?,
 *  "log":{"publicKey":b64,"checkpoint":{…}},
 *  "hosts":[{"host":id,"publicKey":b64},…],
 *  "runs":[{"run":id,"host":id,"logEntry":{…},"signatures":[…],"receipts":[…]},…]}
 * </pre>
 *
 * A work item is a list of runs; a bundle for single runs has no {@code workItem}. Within a run,
 * {@code run} and {@code host} come before {@code receipts} (the verifier streams receipts).
 */
public final class BundleWriter implements Closeable {

  public static final String FORMAT = "nome-audit-bundle/1";

  private final Writer out;
  private boolean firstRun = true;
  private boolean firstReceipt;
  private final StringBuilder buf = new StringBuilder(1024);

  /**
   * Starts a bundle.
   *
   * @param hosts host id to raw Ed25519 public key, for every host of the runs to come
   */
  public BundleWriter(
      OutputStream stream,
      Optional<String> workItemId,
      byte[] logPublicKey,
      Checkpoint checkpoint,
      Map<String, byte[]> hosts)
      throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    out.write("{\"format\":\"" + FORMAT + "\"");
    if (workItemId.isPresent()) {
      out.write(",\"workItem\":");
      out.write(CanonicalJson.toText(Ids.check("work item id", workItemId.get())));
    }
    out.write(",\"log\":{\"publicKey\":\"" + Base64.getEncoder().encodeToString(logPublicKey));
    out.write("\",\"checkpoint\":" + CanonicalJson.toText(checkpoint.toMap()) + "}");
    out.write(",\"hosts\":[");
    boolean first = true;
    for (Map.Entry<String, byte[]> h : hosts.entrySet()) {
      out.write(first ? "" : ",");
      first = false;
      out.write(
          "{\"host\":"
              + CanonicalJson.toText(h.getKey())
              + ",\"publicKey\":\""
              + Base64.getEncoder().encodeToString(h.getValue())
              + "\"}");
    }
    out.write("],\"runs\":[");
  }

  /** Starts a run; its receipts follow with {@link #receipt}, then {@link #endRun}. */
  public void beginRun(
      String runId, String hostId, LogEntry logEntry, List<ChainSignature> signatures)
      throws IOException {
    out.write(firstRun ? "" : ",");
    firstRun = false;
    out.write("{\"run\":" + CanonicalJson.toText(runId));
    out.write(",\"host\":" + CanonicalJson.toText(hostId));
    out.write(",\"logEntry\":" + CanonicalJson.toText(logEntry.toMap()));
    out.write(",\"signatures\":[");
    for (int i = 0; i < signatures.size(); i++) {
      out.write(i == 0 ? "" : ",");
      out.write(CanonicalJson.toText(signatures.get(i).toMap()));
    }
    out.write("],\"receipts\":[");
    firstReceipt = true;
  }

  public void receipt(ChainedReceipt receipt) throws IOException {
    buf.setLength(0);
    CanonicalJson.write(buf, ReceiptJson.toMap(receipt));
    rawReceipt(buf);
  }

  /** A receipt already in its wire form (as stored); the verifier checks it like any other. */
  public void rawReceipt(CharSequence wireJson) throws IOException {
    out.write(firstReceipt ? "" : ",");
    firstReceipt = false;
    out.append(wireJson);
  }

  public void endRun() throws IOException {
    out.write("]}");
  }

  @Override
  public void close() throws IOException {
    out.write("]}");
    out.flush();
    out.close();
  }
}
