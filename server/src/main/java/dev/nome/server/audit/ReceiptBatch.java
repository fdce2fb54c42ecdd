package dev.nome.server.audit;

import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.JsonValues;
import dev.nome.core.receipt.ReceiptFormatException;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.server.audit.UploadRejected.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One upload: consecutive receipts of one run and the host's signatures over them, the last receipt
 * always signed. JSON: {@code {"receipts":[…],"signatures":[…]}}.
 */
public record ReceiptBatch(List<ChainedReceipt> receipts, List<ChainSignature> signatures) {

  /** The most receipts one batch may carry. */
  public static final int MAX_RECEIPTS = 10_000;

  public ReceiptBatch {
    receipts = List.copyOf(receipts);
    signatures = List.copyOf(signatures);
  }

  /**
   * Reads a batch, scrubbing every content field again.
   *
   * @throws UploadRejected (malformed) when it is not a well-formed batch
   */
  public static ReceiptBatch read(InputStream in, Function<String, ScrubbedText> scrubber) {
    Object json;
    try (var p = JsonValues.FACTORY.createParser(in)) {
      p.nextToken();
      json = JsonValues.read(p);
      if (p.nextToken() != null) {
        throw new UploadRejected(Reason.MALFORMED, "trailing content after the batch");
      }
    } catch (IOException e) {
      throw new UploadRejected(Reason.MALFORMED, JsonValues.notJson(e).getMessage());
    } catch (ReceiptFormatException e) {
      throw new UploadRejected(Reason.MALFORMED, e.getMessage());
    }
    if (!(json instanceof Map<?, ?> map)
        || !(map.get("receipts") instanceof List<?> rs)
        || !(map.get("signatures") instanceof List<?> ss)
        || map.size() != 2) {
      throw new UploadRejected(
          Reason.MALFORMED, "a batch is {\"receipts\": [...], \"signatures\": [...]}");
    }
    if (rs.isEmpty() || rs.size() > MAX_RECEIPTS) {
      throw new UploadRejected(
          Reason.MALFORMED, "a batch holds 1 to " + MAX_RECEIPTS + " receipts");
    }
    List<ChainedReceipt> receipts = new ArrayList<>(rs.size());
    for (int i = 0; i < rs.size(); i++) {
      try {
        receipts.add(ReceiptJson.fromMap(rs.get(i), scrubber));
      } catch (ReceiptFormatException e) {
        throw new UploadRejected(
            Reason.MALFORMED, "receipt at position " + i + " of the batch: " + e.getMessage());
      }
    }
    List<ChainSignature> signatures = new ArrayList<>(ss.size());
    for (Object s : ss) {
      try {
        signatures.add(ChainSignature.fromMap(s));
      } catch (IllegalArgumentException e) {
        throw new UploadRejected(Reason.MALFORMED, "a signature is malformed: " + e.getMessage());
      }
    }
    return new ReceiptBatch(receipts, signatures);
  }
}
