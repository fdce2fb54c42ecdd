package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.FileReceiptJournal;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.route.StopReason;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.ToolRequest;
import dev.nome.runner.receipts.PendingJournals;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.runner.runs.RunsClient;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journals a runner left in its queue folder, scanned at the next start against a real control
 * plane: uploaded with the chain intact, deleted when acknowledged and ended, kept when damaged or
 * when the host was revoked.
 */
class PendingJournalsTest {

  @TempDir Path dir;

  static ToolRequest read(String id) {
    return ToolRequest.of(id, "read_file", Map.of("path", "README.md"));
  }

  static PendingJournals pending(RunnerFixture f, List<PendingJournals.Outcome> told) {
    return new PendingJournals(
        f.plane.url(),
        f.deviceToken,
        f.queue,
        f.scrubber,
        Duration.ofMillis(50),
        Duration.ofMillis(400),
        told::add);
  }

  /**
   * A run whose first call was uploaded, then the control plane went away: the second call and the
   * end are only in the journal when the runner stops. The control plane is down afterwards.
   */
  static int leaveHalfUploaded(RunnerFixture f, String runId) throws Exception {
    Files.writeString(f.workspace.resolve("README.md"), "notes\n");
    try (RunnerFixture.Run run = f.new Run(runId, Gate.Timing.standard())) {
      assertThat(run.gate.call(read("c1")).allowed()).isTrue();
      assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
      f.stopPlane();
      assertThat(run.gate.call(read("c2")).allowed()).isTrue();
      assertThat(run.gate.end(RunStatus.COMPLETED, "done")).isTrue();
    }
    return RunJournals.read(RunJournals.file(f.queue, runId), f.scrubber::scrub).receipts().size();
  }

  /** A whole run recorded while the control plane was down; it stays down. */
  static void leaveUnsent(RunnerFixture f, String runId) throws Exception {
    Files.writeString(f.workspace.resolve("README.md"), "notes\n");
    f.record(runId);
    f.stopPlane();
    try (RunnerFixture.Run run = f.new Run(runId, Gate.Timing.standard())) {
      assertThat(run.gate.call(read("c1")).allowed()).isTrue();
      assertThat(run.gate.end(RunStatus.COMPLETED, "done")).isTrue();
    }
  }

  @Test
  void aJournalWrittenWhileTheControlPlaneWasDownIsUploadedLaterAndItsChainVerifies()
      throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      int local = leaveHalfUploaded(f, "run-left");
      Path journal = RunJournals.file(f.queue, "run-left");

      // The runner starts again while the control plane is still away: the scan waits in the
      // background, and uploads once it is back.
      List<PendingJournals.Outcome> told = Collections.synchronizedList(new ArrayList<>());
      PendingJournals scan = pending(f, told);
      CompletableFuture<PendingJournals.Report> done = scan.startInBackground();
      assertThat(done).isNotDone();
      f.restartPlane();
      PendingJournals.Report report = done.get(60, TimeUnit.SECONDS);

      assertThat(report.revoked()).isFalse();
      assertThat(report.outcomes())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.kind()).isEqualTo(PendingJournals.Kind.UPLOADED);
                assertThat(o.detail()).contains("run-left");
              });
      assertThat(told).containsExactlyElementsOf(report.outcomes());
      assertThat(journal).doesNotExist();
      JsonNode stored = WebClient.json(f.storedReceipts("run-left"));
      assertThat(stored.path("ended").asBoolean()).isTrue();
      assertThat(stored.path("nextSeq").asInt()).isEqualTo(local);
      var bundle = f.export("run-left");
      assertThat(bundle.statusCode()).isEqualTo(200);
      var verified =
          new BundleVerifier(f.scrubber::scrub, Optional.empty())
              .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(verified.ok()).as(verified.toString()).isTrue();
    }
  }

  @Test
  void anAcknowledgedEndedJournalIsDeletedAndOneWhoseRunDidNotEndIsKept() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      Files.writeString(f.workspace.resolve("README.md"), "notes\n");
      // A run's own uploader deletes its journal once the end is acknowledged.
      try (RunnerFixture.Run run = f.new Run("run-live", Gate.Timing.standard(), j -> j, true)) {
        assertThat(run.gate.call(read("c1")).allowed()).isTrue();
        assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(RunJournals.file(f.queue, "run-live")).as("not ended yet").exists();
        assertThat(run.gate.end(RunStatus.COMPLETED, "done")).isTrue();
        assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(run.uploader.removed()).isTrue();
        assertThat(RunJournals.file(f.queue, "run-live")).doesNotExist();
      }
      // Journals of uploaders that did not remove them: one ended, one not.
      try (RunnerFixture.Run run = f.new Run("run-done", Gate.Timing.standard())) {
        assertThat(run.gate.call(read("c1")).allowed()).isTrue();
        assertThat(run.gate.end(RunStatus.COMPLETED, "done")).isTrue();
        assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
      }
      FileReceiptJournal[] openJournal = new FileReceiptJournal[1];
      try (RunnerFixture.Run run =
          f
          .new Run(
              "run-open",
              Gate.Timing.standard(),
              j -> {
                openJournal[0] = (FileReceiptJournal) j;
                return j;
              })) {
        assertThat(run.gate.call(read("c1")).allowed()).isTrue();
        assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
      }
      long before = WebClient.json(f.storedReceipts("run-open")).path("nextSeq").asLong();

      List<PendingJournals.Outcome> told = new ArrayList<>();
      PendingJournals.Report report = pending(f, told).scan();

      assertThat(report.outcomes())
          .extracting(o -> o.file().getFileName().toString(), PendingJournals.Outcome::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("run-done.jsonl", PendingJournals.Kind.REMOVED),
              org.assertj.core.groups.Tuple.tuple("run-open.jsonl", PendingJournals.Kind.KEPT));
      assertThat(RunJournals.file(f.queue, "run-done")).doesNotExist();
      assertThat(RunJournals.file(f.queue, "run-open")).exists();
      assertThat(report.outcomes().get(1).detail()).contains("has not ended");
      assertThat(WebClient.json(f.storedReceipts("run-open")).path("nextSeq").asLong())
          .isEqualTo(before);

      // A person stopped the run on the control plane while its runner still writes the journal:
      // its end may yet come, so the journal stays.
      new RunsClient(f.plane.url(), f.deviceToken, f.scrubber)
          .status(
              "run-open",
              "stopped",
              Optional.empty(),
              Optional.of(StopReason.CANCELLED),
              Optional.of("stopped by a person"));
      assertThat(pending(f, new ArrayList<>()).scan().outcomes())
          .extracting(PendingJournals.Outcome::kind)
          .containsExactly(PendingJournals.Kind.KEPT);
      assertThat(RunJournals.file(f.queue, "run-open")).exists();
      // Then its runner is gone: nothing more can follow, the audit store holds it all, and the
      // run is over on the control plane, so the journal goes at the next scan.
      openJournal[0].close();
      PendingJournals.Report again = pending(f, new ArrayList<>()).scan();
      assertThat(again.outcomes())
          .extracting(PendingJournals.Outcome::kind)
          .containsExactly(PendingJournals.Kind.REMOVED);
      assertThat(RunJournals.file(f.queue, "run-open")).doesNotExist();
      assertThat(WebClient.json(f.storedReceipts("run-open")).path("nextSeq").asLong())
          .isEqualTo(before);
    }
  }

  @Test
  void aJournalNoLiveRunWritesAnyMoreIsMarkedStoppedOnceUploadedAndGoes() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      Files.writeString(f.workspace.resolve("README.md"), "notes\n");
      FileReceiptJournal[] journal = new FileReceiptJournal[1];
      try (RunnerFixture.Run run =
          f
          .new Run(
              "run-killed",
              Gate.Timing.standard(),
              j -> {
                journal[0] = (FileReceiptJournal) j;
                return j;
              })) {
        assertThat(run.gate.call(read("c1")).allowed()).isTrue();
        assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
        // While the run's journal is held, it is a live run's: kept, and the run left alone.
        assertThat(pending(f, new ArrayList<>()).scan().outcomes())
            .extracting(PendingJournals.Outcome::kind)
            .containsExactly(PendingJournals.Kind.KEPT);
      }
      // The run's process is gone (its journal let go) without the chain's end.
      journal[0].close();
      assertThat(RunJournals.heldByALiveRun(RunJournals.file(f.queue, "run-killed"))).isFalse();

      PendingJournals.Report report = pending(f, new ArrayList<>()).scan();

      assertThat(report.outcomes())
          .extracting(PendingJournals.Outcome::kind)
          .containsExactly(PendingJournals.Kind.REMOVED);
      assertThat(report.outcomes().getFirst().detail()).contains("stopped before its end");
      assertThat(RunJournals.file(f.queue, "run-killed")).doesNotExist();
      JsonNode run =
          WebClient.json(
              WebClient.bearer(f.plane.url(), f.userToken, "GET", "/api/runs/run-killed", null));
      assertThat(run.path("status").asText()).isEqualTo("stopped");
      assertThat(run.path("reason").asText()).isEqualTo(StopReason.INTERNAL_ERROR.code());
    }
  }

  @Test
  void aDamagedJournalIsKeptAsBadAndReportedAndTheScanGoesOn() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      f.record("run-whole");
      leaveUnsent(f, "run-damaged");
      Path damaged = RunJournals.file(f.queue, "run-damaged");
      List<String> lines = new ArrayList<>(Files.readAllLines(damaged));
      assertThat(lines.size()).isGreaterThan(3);
      lines.set(2, "{\"receipt\": {\"seq\": 2, \"tru");
      Files.write(damaged, lines);
      byte[] damagedBytes = Files.readAllBytes(damaged);
      Path alien = f.queue.resolve("notes.jsonl");
      Files.writeString(alien, "{\"something\": 1}\n");
      leaveUnsentWithPlaneDown(f, "run-whole");
      f.restartPlane();

      List<PendingJournals.Outcome> told = new ArrayList<>();
      PendingJournals.Report report = pending(f, told).scan();

      assertThat(report.outcomes())
          .extracting(o -> o.file().getFileName().toString(), PendingJournals.Outcome::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("notes.jsonl.bad", PendingJournals.Kind.BAD),
              org.assertj.core.groups.Tuple.tuple(
                  "run-damaged.jsonl.bad", PendingJournals.Kind.BAD),
              org.assertj.core.groups.Tuple.tuple(
                  "run-whole.jsonl", PendingJournals.Kind.UPLOADED));
      assertThat(told).hasSize(3);
      assertThat(report.outcomes().get(1).detail())
          .contains("cannot be read")
          .contains("line 3")
          .contains("kept as run-damaged.jsonl.bad");
      assertThat(damaged).doesNotExist();
      assertThat(f.queue.resolve("run-damaged.jsonl.bad")).hasBinaryContent(damagedBytes);
      assertThat(f.queue.resolve("notes.jsonl.bad")).hasContent("{\"something\": 1}");
      // Nothing of the damaged chain reached the audit store; the whole one did.
      assertThat(f.storedReceipts("run-damaged").statusCode()).isEqualTo(404);
      assertThat(WebClient.json(f.storedReceipts("run-whole")).path("ended").asBoolean()).isTrue();

      // The next start does not look at what was set aside.
      assertThat(pending(f, new ArrayList<>()).scan().outcomes()).isEmpty();
    }
  }

  /** As {@link #leaveUnsent}, when the control plane is already down (the run recorded before). */
  static void leaveUnsentWithPlaneDown(RunnerFixture f, String runId) throws Exception {
    try (RunnerFixture.Run run = f.new Run(runId, Gate.Timing.standard())) {
      assertThat(run.gate.call(read("c1")).allowed()).isTrue();
      assertThat(run.gate.end(RunStatus.COMPLETED, "done")).isTrue();
    }
  }

  @Test
  void aRevokedHostStopsTheScanAndKeepsEveryJournal() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      f.record("run-b");
      leaveUnsent(f, "run-a");
      leaveUnsentWithPlaneDown(f, "run-b");
      f.restartPlane();
      var revoked =
          WebClient.bearer(
              f.plane.url(), f.userToken, "POST", "/api/hosts/" + f.hostId + "/revoke", null);
      assertThat(revoked.statusCode()).as(revoked.body()).isLessThan(300);

      PendingJournals.Report report = pending(f, new ArrayList<>()).scan();

      assertThat(report.revoked()).isTrue();
      assertThat(report.outcomes())
          .extracting(PendingJournals.Outcome::kind)
          .containsExactly(PendingJournals.Kind.NOT_SCANNED, PendingJournals.Kind.NOT_SCANNED);
      assertThat(RunJournals.file(f.queue, "run-a")).exists();
      assertThat(RunJournals.file(f.queue, "run-b")).exists();
    }
  }
}
