package dev.nome.runner.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.receipt.FileReceiptJournal;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.tokens.HostKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a journal back: a line torn by a crash ends it; damage before the end is an error. */
class RunJournalsTest {

  @TempDir Path dir;
  final SecretScrubber scrubber = SecretScrubber.create(new byte[32]);

  Path journal() throws Exception {
    try (FileReceiptJournal j = RunJournals.open(dir, "run-1")) {
      RunChain chain =
          RunChain.start(
              "run-1",
              Optional.empty(),
              new HostKeySigner("host-1", HostKey.generate()),
              j,
              Clock.systemUTC(),
              1);
      chain.append(
          new RouteRecord("byok", "byok-metered", "anthropic", "none", scrubber.scrub(""), "m"));
      chain.end(new RunEnded(RunStatus.COMPLETED, scrubber.scrub("done")));
    }
    return RunJournals.file(dir, "run-1");
  }

  @Test
  void aTornLastLineIsLeftOut() throws Exception {
    Path file = journal();
    var whole = RunJournals.read(file, scrubber::scrub);
    assertThat(whole.receipts()).hasSize(3);
    Files.writeString(file, "{\"receipt\":{\"run\":\"ru", StandardOpenOption.APPEND);
    var read = RunJournals.read(file, scrubber::scrub);
    assertThat(read.receipts()).isEqualTo(whole.receipts());
    assertThat(read.signatures()).isEqualTo(whole.signatures());
  }

  @Test
  void aLastLineThatNoJournalLineStartsWithIsAnError() throws Exception {
    Path file = journal();
    int lines = Files.readAllLines(file).size();
    Files.writeString(file, "not a journal\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> RunJournals.read(file, scrubber::scrub))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line " + (lines + 1) + " ");
  }

  @Test
  void aLineThatCannotBeReadBeforeTheEndIsAnError() throws Exception {
    Path file = journal();
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.set(1, lines.get(1).substring(0, lines.get(1).length() / 2));
    Files.write(file, lines, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RunJournals.read(file, scrubber::scrub))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void aJournalIsHeldByItsRunWhileOpenAndByNobodyOnceClosed() throws Exception {
    Path file = RunJournals.file(dir, "run-held");
    try (FileReceiptJournal j = RunJournals.open(dir, "run-held")) {
      assertThat(RunJournals.heldByALiveRun(file)).isTrue();
      assertThatThrownBy(() -> RunJournals.open(dir, "run-held"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("held by a live run");
    }
    assertThat(RunJournals.heldByALiveRun(file)).isFalse();
    // A file that cannot be looked at counts as held: nothing is decided on it.
    assertThat(RunJournals.heldByALiveRun(dir.resolve("missing.jsonl"))).isTrue();
  }
}
