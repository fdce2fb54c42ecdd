package dev.nome.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.Tier;
import dev.nome.core.secrets.TestScrubbed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunChainTest {

  static final Ed25519.KeySigner HOST = Ed25519.KeySigner.generate("host-1");

  /** Keeps what it is given; fails on demand. */
  static final class MemoryJournal implements ReceiptJournal {
    final List<ChainedReceipt> receipts = new ArrayList<>();
    final List<ChainSignature> signatures = new ArrayList<>();
    boolean failing;

    @Override
    public void append(ChainedReceipt receipt, Optional<ChainSignature> signature)
        throws IOException {
      if (failing) {
        throw new IOException("disk full");
      }
      receipts.add(receipt);
      signature.ifPresent(signatures::add);
    }
  }

  static ToolIntent intent() {
    return new ToolIntent(
        "call-1",
        "shell",
        Tier.WRITE,
        TestScrubbed.of("make"),
        Decision.ALLOWED,
        "default",
        Optional.empty());
  }

  @Test
  void receiptsAreNumberedLinkedAndSignedAtCheckpointsAndTheEnd() throws Exception {
    MemoryJournal journal = new MemoryJournal();
    RunChain chain = RunChain.start("run-1", Optional.empty(), HOST, journal, Clock.systemUTC(), 3);
    for (int i = 0; i < 5; i++) {
      chain.append(intent());
    }
    chain.end(new RunEnded(RunStatus.COMPLETED, TestScrubbed.of("done")));
    assertThat(journal.receipts).hasSize(7);
    Digest prev = Digest.ZERO;
    for (int i = 0; i < 7; i++) {
      ChainedReceipt r = journal.receipts.get(i);
      assertThat(r.seq()).isEqualTo(i);
      assertThat(r.previous()).isEqualTo(prev);
      assertThat(r.digestHolds()).isTrue();
      prev = r.digest();
    }
    // Signed at the start (0), every third receipt (2, 5) and the end (6).
    assertThat(journal.signatures).extracting(ChainSignature::seq).containsExactly(0L, 2L, 5L, 6L);
    for (ChainSignature s : journal.signatures) {
      assertThat(s.verify(HOST.publicKey())).isTrue();
      assertThat(s.head()).isEqualTo(journal.receipts.get((int) s.seq()).digest());
    }
    assertThatThrownBy(() -> chain.append(intent())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anActionWhoseIntentCannotBePersistedNeverRuns() throws Exception {
    MemoryJournal journal = new MemoryJournal();
    RunChain chain =
        RunChain.start("run-1", Optional.empty(), HOST, journal, Clock.systemUTC(), 100);
    journal.failing = true;
    AtomicBoolean ran = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                chain.afterIntent(
                    intent(),
                    ack -> {
                      ran.set(true);
                      return "output";
                    }))
        .isInstanceOf(ReceiptNotPersistedException.class);
    assertThat(ran).isFalse();
    // The chain stays broken even once the journal recovers: its state is unknown.
    journal.failing = false;
    assertThatThrownBy(() -> chain.append(intent()))
        .isInstanceOf(ReceiptNotPersistedException.class);
    assertThat(journal.receipts).hasSize(1);
  }

  @Test
  void anActionRunsOnlyAfterItsIntentIsDurable() throws Exception {
    MemoryJournal journal = new MemoryJournal();
    RunChain chain =
        RunChain.start("run-1", Optional.empty(), HOST, journal, Clock.systemUTC(), 100);
    String out =
        chain.afterIntent(
            intent(),
            ack -> {
              assertThat(journal.receipts).extracting(ChainedReceipt::seq).contains(ack.seq());
              return "output";
            });
    assertThat(out).isEqualTo("output");
  }

  @Test
  void aRunThatCannotRecordItsStartDoesNotStart() {
    MemoryJournal journal = new MemoryJournal();
    journal.failing = true;
    assertThatThrownBy(
            () -> RunChain.start("run-1", Optional.empty(), HOST, journal, Clock.systemUTC(), 10))
        .isInstanceOf(ReceiptNotPersistedException.class);
  }

  @Test
  void theFileJournalWritesOneCanonicalLinePerReceiptAndSignature(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("run-1.jsonl");
    try (FileReceiptJournal journal = new FileReceiptJournal(file)) {
      RunChain chain =
          RunChain.start("run-1", Optional.empty(), HOST, journal, Clock.systemUTC(), 10);
      chain.append(intent());
      chain.end(new RunEnded(RunStatus.COMPLETED, TestScrubbed.of("done")));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(5); // 3 receipts, signatures at the start and the end
    for (String line : lines) {
      assertThat(CanonicalJson.canonicalize(line)).isEqualTo(line);
    }
    assertThat(lines.get(0)).startsWith("{\"receipt\":");
    assertThat(lines.get(1)).startsWith("{\"signature\":");
  }

  @Test
  void signaturesFailForAnotherKeyOrAnotherHead() throws Exception {
    MemoryJournal journal = new MemoryJournal();
    RunChain.start("run-1", Optional.empty(), HOST, journal, Clock.systemUTC(), 10);
    ChainSignature s = journal.signatures.get(0);
    assertThat(s.verify(Ed25519.KeySigner.generate("other").publicKey())).isFalse();
    ChainSignature moved =
        new ChainSignature(
            s.runId(), s.seq(), Digest.sha256(new byte[1]), s.hostId(), s.signature());
    assertThat(moved.verify(HOST.publicKey())).isFalse();
    assertThat(ChainSignature.fromMap(s.toMap())).isEqualTo(s);
  }
}
