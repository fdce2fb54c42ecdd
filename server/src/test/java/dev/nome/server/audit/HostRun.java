package dev.nome.server.audit;

import dev.nome.core.Tier;
import dev.nome.core.receipt.CanonicalJson;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.OutputSummary;
import dev.nome.core.receipt.ReceiptJournal;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.receipt.ReceiptNotPersistedException;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.secrets.TestScrubbed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** A run on a test host: its chain, as the host's runner would build and upload it. */
final class HostRun implements ReceiptJournal {

  final List<ChainedReceipt> receipts = new ArrayList<>();
  final List<ChainSignature> signatures = new ArrayList<>();
  final RunChain chain;

  HostRun(String runId, Ed25519.KeySigner host, Optional<String> workItem) {
    try {
      chain = RunChain.start(runId, workItem, host, this, Clock.systemUTC(), 1_000_000);
    } catch (ReceiptNotPersistedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void append(ChainedReceipt receipt, Optional<ChainSignature> signature) {
    receipts.add(receipt);
    signature.ifPresent(signatures::add);
  }

  HostRun tools(int n) {
    try {
      for (int i = 0; i < n; i++) {
        chain.append(tool("call-" + receipts.size(), "output of call " + receipts.size()));
      }
    } catch (ReceiptNotPersistedException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  HostRun end() {
    try {
      chain.end(new RunEnded(RunStatus.COMPLETED, TestScrubbed.of("done")));
    } catch (ReceiptNotPersistedException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  static ToolReceipt tool(String callId, String output) {
    return new ToolReceipt(
        callId,
        "shell",
        Tier.WRITE,
        TestScrubbed.of("make test"),
        Optional.empty(),
        Decision.ALLOWED,
        "default",
        Optional.empty(),
        OutputSummary.of(TestScrubbed.of(output), 500, TestScrubbed.identity()),
        12,
        true,
        OptionalInt.of(0));
  }

  /** Receipts [from, to) as a batch, signed by the host at its last receipt. */
  ReceiptBatch batch(int from, int to, Ed25519.KeySigner host) {
    List<ChainedReceipt> part = receipts.subList(from, to);
    return new ReceiptBatch(part, List.of(ChainSignature.sign(part.getLast(), host)));
  }

  static String json(ReceiptBatch batch) {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("receipts", batch.receipts().stream().map(ReceiptJson::toMap).toList());
    m.put("signatures", batch.signatures().stream().map(ChainSignature::toMap).toList());
    return CanonicalJson.toText(m);
  }
}
