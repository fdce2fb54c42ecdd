package dev.nome.app.gate;

import static dev.nome.app.gate.ScriptedModel.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.Tier;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.FileReceiptJournal;
import dev.nome.core.receipt.HostRevoked;
import dev.nome.core.receipt.ReceiptJournal;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolIntent;
import dev.nome.core.route.StopReason;
import dev.nome.runner.agent.AgentLoop;
import dev.nome.runner.agent.AgentSettings;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.GateEvents;
import dev.nome.runner.gate.GateResult;
import dev.nome.runner.gate.ToolRequest;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way the gate fails closed, against a real control plane. */
class GateFailClosedTest {

  @TempDir Path dir;

  static RouteRecord route(RunnerFixture f) {
    return new RouteRecord(
        "byok", "byok-metered", "anthropic", "none", f.scrubber.scrub(""), "m-1");
  }

  static List<ChainedReceipt> journal(RunnerFixture f, String run) throws Exception {
    return RunJournals.read(RunJournals.file(f.queue, run), f.scrubber::scrub).receipts();
  }

  @Test
  void anApprovalNobodyGivesInTimeIsADenialAndTheCommandDoesNotRun() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir);
        RunnerFixture.Run run =
            f
            .new Run(
                "run-expiry",
                new Gate.Timing(
                    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2)))) {
      Files.writeString(f.workspace.resolve("name.txt"), "marker.txt");
      GateResult r =
          run.gate.call(
              ToolRequest.of("c1", "shell", Map.of("command", "touch \"$(cat name.txt)\"")));
      assertThat(r.tier()).isEqualTo(Tier.DANGER);
      assertThat(r.allowed()).isFalse();
      assertThat(r.decision()).isEqualTo(Decision.EXPIRED);
      assertThat(r.isError()).isTrue();
      assertThat(f.workspace.resolve("marker.txt")).doesNotExist();
      assertThat(run.gate.stopReason()).isEmpty();
      List<String> types = journal(f, "run-expiry").stream().map(c -> c.receipt().type()).toList();
      assertThat(types).containsExactly("run_started", "approval", "tool");
    }
  }

  @Test
  void whenTheJournalCannotBeWrittenTheToolDoesNotRunAndTheRunStops() throws Exception {
    AtomicBoolean full = new AtomicBoolean();
    try (RunnerFixture f = new RunnerFixture(dir);
        FileReceiptJournal devFull = new FileReceiptJournal(Path.of("/dev/full"))) {
      // The host's disk fills up mid-run: every write after the switch fails (ENOSPC).
      ReceiptJournal[] local = new ReceiptJournal[1];
      ReceiptJournal switching = (r, s) -> (full.get() ? devFull : local[0]).append(r, s);
      try (RunnerFixture.Run run =
          f
          .new Run(
              "run-audit",
              Gate.Timing.standard(),
              j -> {
                local[0] = j;
                return switching;
              })) {
        ScriptedModel model =
            new ScriptedModel(
                List.of(
                    tool("c1", "write_file", Map.of("path", "first.txt", "content", "1")),
                    req -> {
                      full.set(true);
                      return tool("c2", "write_file", Map.of("path", "second.txt", "content", "2"))
                          .answer(req);
                    }));
        RunOutcome outcome =
            new AgentLoop(
                    model,
                    run.gate,
                    AgentSettings.standard(Optional.empty()),
                    f.scrubber,
                    RunListener.NONE)
                .run("write two files", route(f));
        assertThat(outcome.status()).isEqualTo("stopped");
        assertThat(outcome.reason()).contains(StopReason.AUDIT_UNAVAILABLE);
        assertThat(f.workspace.resolve("first.txt")).exists();
        assertThat(f.workspace.resolve("second.txt")).doesNotExist();
        assertThat(model.received).hasSize(2); // never asked again after the stop
        assertThat(journal(f, "run-audit"))
            .extracting(ChainedReceipt::receipt)
            .filteredOn(r -> r instanceof ToolIntent t && t.callId().equals("c2"))
            .isEmpty();
        // And a later call is refused without running.
        GateResult later =
            run.gate.call(
                ToolRequest.of("c3", "write_file", Map.of("path", "third.txt", "content", "3")));
        assertThat(later.allowed()).isFalse();
        assertThat(later.stop()).contains(StopReason.AUDIT_UNAVAILABLE);
        assertThat(f.workspace.resolve("third.txt")).doesNotExist();
      }
    }
  }

  @Test
  void offlineTheRuleAppliesAndTheQueuedReceiptsUploadWithTheChainIntactWhenItReturns()
      throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir);
        RunnerFixture.Run run =
            f
            .new Run(
                "run-offline",
                new Gate.Timing(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO))) {
      Files.writeString(f.workspace.resolve("README.md"), "offline notes\n");
      assertThat(run.gate.call(read("c1")).allowed()).isTrue();
      assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
      long acceptedOnline = run.uploader.acceptedThrough();

      f.stopPlane();
      // read_file is "allow-read" offline: it runs.
      GateResult offlineRead = run.gate.call(read("c2"));
      assertThat(run.link.state()).isEqualTo(ControlPlaneLink.State.OFFLINE);
      assertThat(offlineRead.allowed()).isTrue();
      assertThat(offlineRead.output().value()).contains("offline notes");
      // write_file is "queue": it waits until the control plane is back, then is decided.
      CompletableFuture<Void> restarted = new CompletableFuture<>();
      run.gate.events(
          new GateEvents() {
            @Override
            public void approvalWaiting(String callId, String tool, Tier tier, boolean queued) {
              assertThat(queued).isTrue();
              assertThat(f.workspace.resolve("queued.txt")).doesNotExist();
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          f.restartPlane();
                          restarted.complete(null);
                        } catch (Exception e) {
                          restarted.completeExceptionally(e);
                        }
                      });
            }
          });
      GateResult queued =
          run.gate.call(
              ToolRequest.of("c3", "write_file", Map.of("path", "queued.txt", "content", "q")));
      restarted.get(30, TimeUnit.SECONDS);
      assertThat(queued.allowed()).as(queued.reason().value()).isTrue();
      assertThat(f.workspace.resolve("queued.txt")).hasContent("q");

      assertThat(run.gate.end(RunStatus.COMPLETED, "done")).isTrue();
      assertThat(run.uploader.flush(Duration.ofSeconds(20))).isTrue();
      assertThat(run.uploader.acceptedThrough()).isGreaterThan(acceptedOnline);
      JsonNode stored = WebClient.json(f.storedReceipts("run-offline"));
      assertThat(stored.path("ended").asBoolean()).isTrue();
      assertThat(stored.path("nextSeq").asInt()).isEqualTo(journal(f, "run-offline").size());
      var bundle = f.export("run-offline");
      var verified =
          new BundleVerifier(f.scrubber::scrub, Optional.empty())
              .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(verified.ok()).as(verified.toString()).isTrue();
    }
  }

  @Test
  void aHostRevokedMidRunStopsTheRunBeforeItsNextCallRuns() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir);
        RunnerFixture.Run run =
            f
            .new Run(
                "run-revoked",
                new Gate.Timing(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ZERO))) {
      ScriptedModel model =
          new ScriptedModel(
              List.of(
                  tool("c1", "write_file", Map.of("path", "before.txt", "content", "1")),
                  req -> {
                    HttpResponse<String> res;
                    try {
                      res =
                          WebClient.bearer(
                              f.plane.url(),
                              f.userToken,
                              "POST",
                              "/api/hosts/" + f.hostId + "/revoke",
                              null);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                    assertThat(res.statusCode()).as(res.body()).isLessThan(300);
                    return tool("c2", "write_file", Map.of("path", "after.txt", "content", "2"))
                        .answer(req);
                  }));
      RunOutcome outcome =
          new AgentLoop(
                  model,
                  run.gate,
                  AgentSettings.standard(Optional.empty()),
                  f.scrubber,
                  RunListener.NONE)
              .run("write two files", route(f));
      assertThat(outcome.reason()).contains(StopReason.HOST_REVOKED);
      assertThat(outcome.status()).isEqualTo("stopped");
      assertThat(f.workspace.resolve("before.txt")).exists();
      assertThat(f.workspace.resolve("after.txt")).doesNotExist();
      assertThat(run.link.isRevoked()).isTrue();
      assertThat(journal(f, "run-revoked"))
          .extracting(ChainedReceipt::receipt)
          .filteredOn(HostRevoked.class::isInstance)
          .hasSize(1);
    }
  }

  @Test
  void aRunnerThatDiedWhileOfflineUploadsItsJournalAfterARestart() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      Files.writeString(f.workspace.resolve("README.md"), "notes\n");
      try (RunnerFixture.Run run = f.new Run("run-restart", Gate.Timing.standard())) {
        assertThat(run.gate.call(read("c1")).allowed()).isTrue();
        assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
        f.stopPlane();
        assertThat(run.gate.call(read("c2")).allowed()).isTrue();
        assertThat(run.gate.end(RunStatus.COMPLETED, "done")).isTrue();
      } // the runner process ends here with receipts still queued
      f.restartPlane();
      var journal = RunJournals.read(RunJournals.file(f.queue, "run-restart"), f.scrubber::scrub);
      try (var uploader =
          new dev.nome.runner.receipts.ReceiptUploader(
                  f.plane.url(), f.deviceToken, "run-restart", (r, s) -> {}, new ControlPlaneLink())
              .resume(journal)
              .start()) {
        assertThat(uploader.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(uploader.acceptedThrough()).isEqualTo(journal.receipts().size() - 1);
      }
      JsonNode stored = WebClient.json(f.storedReceipts("run-restart"));
      assertThat(stored.path("ended").asBoolean()).isTrue();
      assertThat(stored.path("nextSeq").asInt()).isEqualTo(journal.receipts().size());
    }
  }

  @Test
  void aDangerousCallWhoseApprovalCannotBeSentWaitsForTheControlPlaneAndIsAskedWhenItIsBack()
      throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir);
        RunnerFixture.Run run =
            f
            .new Run(
                "run-ask-later",
                new Gate.Timing(
                    Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMinutes(1)))) {
      Files.writeString(f.workspace.resolve("README.md"), "notes\n");
      Files.writeString(f.workspace.resolve("name.txt"), "made-later.txt");
      assertThat(run.gate.call(read("c1")).allowed()).isTrue();
      assertThat(run.uploader.flush(Duration.ofSeconds(10))).isTrue();
      f.stopPlane(); // the uploader is idle: only the failed approval request notices
      Approver[] person = new Approver[1];
      CompletableFuture<Void> back = new CompletableFuture<>();
      run.gate.events(
          new GateEvents() {
            @Override
            public void approvalWaiting(String callId, String tool, Tier tier, boolean queued) {
              if (queued) {
                Thread.ofVirtual()
                    .start(
                        () -> {
                          try {
                            f.restartPlane();
                            person[0] = new Approver(f.plane.url(), f.userToken, a -> "approve");
                            back.complete(null);
                          } catch (Exception e) {
                            back.completeExceptionally(e);
                          }
                        });
              }
            }
          });
      try {
        GateResult r =
            run.gate.call(
                ToolRequest.of("c2", "shell", Map.of("command", "touch \"$(cat name.txt)\"")));
        back.get(30, TimeUnit.SECONDS);
        assertThat(r.allowed()).as(r.reason().value()).isTrue();
        assertThat(r.decision()).isEqualTo(Decision.APPROVED);
        assertThat(f.workspace.resolve("made-later.txt")).exists();
      } finally {
        if (person[0] != null) {
          person[0].close();
        }
      }
    }
  }

  static ToolRequest read(String id) {
    return ToolRequest.of(id, "read_file", Map.of("path", "README.md"));
  }
}
