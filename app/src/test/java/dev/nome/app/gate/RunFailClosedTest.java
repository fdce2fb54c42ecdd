package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.Tier;
import dev.nome.core.receipt.ApprovalRecord;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.HostRevoked;
import dev.nome.core.receipt.Receipt;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.route.StopReason;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a whole run fails closed (issue 9), driven as {@code nome run} drives it: launched
 * through the control plane, run by {@code ByokSession} against a real control plane and a scripted
 * provider. Each test checks the ending the terminal shows, the ending the control plane records,
 * that the call that must not run did not run, and that the receipts the audit store took verify.
 * The gate-level cases are in {@link GateFailClosedTest}.
 */
class RunFailClosedTest {

  /**
   * Approvals wait long enough for a person; a queued call waits long enough for a restart; the
   * control plane is asked again before every call, so an outage is noticed at once.
   */
  static final Gate.Timing TIMING =
      new Gate.Timing(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO);

  static final String TOUCH_MARKER = "touch \"$(cat name.txt)\"";

  @TempDir Path dir;

  static ScriptedTurn write(String id, String file) {
    return ScriptedTurn.tools(
        "Writing " + file + ".",
        new ScriptedTurn.ToolCall(
            id, "write_file", "{\"path\":\"" + file + "\",\"content\":\"x\"}"));
  }

  static ScriptedTurn.ToolCall call(String id, String tool, String inputJson) {
    return new ScriptedTurn.ToolCall(id, tool, inputJson);
  }

  /** Something the test does on the run's own thread, at a point of the run. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  static void unchecked(Action a) {
    try {
      a.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The run's receipts as the host's journal holds them. */
  static List<Receipt> localJournal(WholeRun w, String runId) throws Exception {
    return RunJournals.read(RunJournals.file(w.host.queueDir(), runId), w.host.scrubber()::scrub)
        .receipts()
        .stream()
        .map(ChainedReceipt::receipt)
        .toList();
  }

  /**
   * The run's receipts as the audit store holds them. The host's journal is only the queue: once
   * the ended chain is acknowledged it is deleted, which this checks too.
   */
  static List<Receipt> journal(WholeRun w, String runId) throws Exception {
    assertThat(RunJournals.file(w.host.queueDir(), runId))
        .as("an acknowledged, ended journal leaves the queue")
        .doesNotExist();
    List<Receipt> out = new java.util.ArrayList<>();
    for (JsonNode r : w.storedReceipts(runId).path("receipts")) {
      out.add(ReceiptJson.parse(r.toString(), w.host.scrubber()::scrub).receipt());
    }
    return out;
  }

  static void assertEnded(WholeRun.Ran ran, JsonNode stored, String status, StopReason reason) {
    RunOutcome outcome = ran.result().outcome();
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(status);
    assertThat(outcome.reason()).contains(reason);
    assertThat(stored.path("status").asText()).isEqualTo(status);
    assertThat(stored.path("reason").asText()).isEqualTo(reason.code());
  }

  @Test
  void aKeyRemovedBetweenTurnsStopsTheRunKeyRemovedAndTheProviderIsNotAskedAgain()
      throws Exception {
    try (WholeRun w =
        new WholeRun(
            dir, List.of(write("c1", "first.txt"), write("c2", "second.txt"), text("Done.")))) {
      RunListener removeBeforeTurnTwo =
          new RunListener() {
            @Override
            public void step(int step) {
              if (step == 2) {
                unchecked(w::removeKey);
              }
            }
          };
      WholeRun.Ran ran = w.run(w.plan("write two files"), TIMING, removeBeforeTurnTwo);

      assertEnded(ran, w.stored(ran.runId()), "stopped", StopReason.KEY_REMOVED);
      assertThat(w.workspace.resolve("first.txt")).exists();
      assertThat(w.workspace.resolve("second.txt")).doesNotExist();
      assertThat(w.model.played()).isEqualTo(1);
      assertThat(ran.result().receiptsAcknowledged()).isTrue();
      assertThat(w.storedReceipts(ran.runId()).path("ended").asBoolean()).isTrue();
      w.verifiedExport(ran.runId());
    }
  }

  @Test
  void aProviderAnswering401StopsTheRunProviderAuthFailedWithoutARetryOrAnotherRoute()
      throws Exception {
    try (WholeRun w =
        new WholeRun(
            dir,
            List.of(
                write("c1", "first.txt"),
                ScriptedTurn.status(401),
                write("c2", "second.txt"),
                text("Done.")))) {
      WholeRun.Ran ran = w.run(w.plan("write two files"), TIMING, RunListener.NONE);

      assertEnded(ran, w.stored(ran.runId()), "stopped", StopReason.PROVIDER_AUTH_FAILED);
      assertThat(w.workspace.resolve("first.txt")).exists();
      assertThat(w.workspace.resolve("second.txt")).doesNotExist();
      // Two requests, both with the run's one key to the run's one provider: no retry of the 401,
      // no other key, provider or model tried.
      assertThat(w.model.received()).hasSize(2);
      assertThat(w.model.received())
          .allSatisfy(
              r -> {
                assertThat(r.path()).isEqualTo("/v1/messages");
                assertThat(r.headers().get("x-api-key")).containsExactly(WholeRun.KEY);
              });
      assertThat(w.model.received().get(1).json().path("model").asText())
          .isEqualTo(w.model.received().get(0).json().path("model").asText());
      assertThat(ran.result().receiptsAcknowledged()).isTrue();
      w.verifiedExport(ran.runId());
    }
  }

  @Test
  void withTheControlPlaneGoneTheOfflineRuleAppliesAndTheReceiptsArriveLaterWithTheChainIntact()
      throws Exception {
    try (WholeRun w =
        new WholeRun(
            dir,
            List.of(
                ScriptedTurn.tools(
                    "Reading, then writing.",
                    call("c1", "read_file", "{\"path\":\"README.md\"}"),
                    call("c2", "read_file", "{\"path\":\"README.md\"}"),
                    call("c3", "write_file", "{\"path\":\"queued.txt\",\"content\":\"q\"}")),
                text("Done.")))) {
      Files.writeString(w.workspace.resolve("README.md"), "offline notes\n");
      AtomicInteger calls = new AtomicInteger();
      CompletableFuture<Void> restarted = new CompletableFuture<>();
      RunListener outage =
          new RunListener() {
            @Override
            public void toolCall(String summary) {
              if (calls.incrementAndGet() == 1) {
                unchecked(w::stopPlane); // gone after the first call
              }
            }

            @Override
            public void approvalWaiting(String tool, Tier tier, boolean queued) {
              assertThat(queued).isTrue();
              assertThat(w.workspace.resolve("queued.txt")).doesNotExist();
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          w.restartPlane();
                          restarted.complete(null);
                        } catch (Exception e) {
                          restarted.completeExceptionally(e);
                        }
                      });
            }
          };
      WholeRun.Ran ran = w.run(w.plan("read and write"), TIMING, outage);
      restarted.get(30, TimeUnit.SECONDS);

      RunOutcome outcome = ran.result().outcome();
      assertThat(outcome.status()).as(outcome.message()).isEqualTo("succeeded");
      assertThat(w.stored(ran.runId()).path("status").asText()).isEqualTo("succeeded");
      // The control plane was down from the first call's end until the write was queued: the
      // read ran offline (read_file's offline rule is allow-read); the write was queued by
      // write_file's offline rule and ran once the control plane was back.
      List<Receipt> local = journal(w, ran.runId());
      ToolReceipt offlineRead = toolReceipt(local, "c2");
      assertThat(offlineRead.decision()).isEqualTo(Decision.ALLOWED);
      assertThat(offlineRead.output().head().value()).contains("offline notes");
      ToolReceipt queuedWrite = toolReceipt(local, "c3");
      assertThat(queuedWrite.decision()).isEqualTo(Decision.ALLOWED);
      assertThat(queuedWrite.rule()).isEqualTo("tools.write_file.offline");
      assertThat(w.workspace.resolve("queued.txt")).hasContent("q");
      assertThat(ran.problems()).isNotEmpty(); // the status reports sent into the outage
      // Every receipt reached the audit store, in one unbroken chain.
      assertThat(ran.result().receiptsAcknowledged()).isTrue();
      JsonNode stored = w.storedReceipts(ran.runId());
      assertThat(stored.path("ended").asBoolean()).isTrue();
      assertThat(stored.path("nextSeq").asInt()).isEqualTo(local.size());
      w.verifiedExport(ran.runId());
    }
  }

  @Test
  void anApprovalNobodyGivesInTimeIsADenialTheCommandDoesNotRunAndTheRunGoesOn() throws Exception {
    try (WholeRun w =
        new WholeRun(
            dir,
            List.of(
                ScriptedTurn.tools(
                    "Touching.",
                    call("c1", "shell", "{\"command\":\"" + esc(TOUCH_MARKER) + "\"}")),
                text("Done.")))) {
      Files.writeString(w.workspace.resolve("name.txt"), "marker.txt");
      WholeRun.Ran ran =
          w.run(
              w.plan("touch the marker"),
              new Gate.Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO),
              RunListener.NONE);

      // The denial is the tool's result; the policy lets the run go on, and the model ends it.
      RunOutcome outcome = ran.result().outcome();
      assertThat(outcome.status()).as(outcome.message()).isEqualTo("succeeded");
      assertThat(w.stored(ran.runId()).path("status").asText()).isEqualTo("succeeded");
      assertThat(w.workspace.resolve("marker.txt")).doesNotExist();
      assertThat(w.model.received().get(1).body()).contains("expired");
      assertThat(ran.approvals()).hasSize(1);
      JsonNode request =
          WebClient.json(w.asOwner("GET", "/api/approvals/" + ran.approvals().getFirst()));
      assertThat(request.toString()).contains("\"expired\"");
      List<Receipt> local = journal(w, ran.runId());
      assertThat(local)
          .filteredOn(ApprovalRecord.class::isInstance)
          .map(r -> ((ApprovalRecord) r).decision())
          .containsExactly(Decision.EXPIRED);
      assertThat(toolReceipt(local, "c1").decision()).isEqualTo(Decision.EXPIRED);
      assertThat(ran.result().receiptsAcknowledged()).isTrue();
      w.verifiedExport(ran.runId());
    }
  }

  @Test
  void aHostRevokedWhileItsCallAwaitsApprovalStopsTheRunHostRevokedAndTheCallNeverRuns()
      throws Exception {
    try (WholeRun w =
        new WholeRun(
            dir,
            List.of(
                write("c1", "before.txt"),
                ScriptedTurn.tools(
                    "Touching.",
                    call("c2", "shell", "{\"command\":\"" + esc(TOUCH_MARKER) + "\"}")),
                write("c3", "after.txt"),
                text("Done.")))) {
      Files.writeString(w.workspace.resolve("name.txt"), "marker.txt");
      // The owner revokes the host instead of answering.
      try (Approver owner =
          new Approver(
              w.plane().url(),
              w.userToken,
              action -> {
                unchecked(w::revokeHost);
                return null;
              })) {
        WholeRun.Ran ran = w.run(w.plan("write, touch, write"), TIMING, RunListener.NONE);

        assertEnded(ran, w.stored(ran.runId()), "stopped", StopReason.HOST_REVOKED);
        assertThat(owner.raised).hasSize(1);
        assertThat(w.workspace.resolve("before.txt")).exists();
        assertThat(w.workspace.resolve("marker.txt")).doesNotExist();
        assertThat(w.workspace.resolve("after.txt")).doesNotExist();
        // The revocation closes the local chain; the control plane no longer takes this host's
        // receipts, so the journal stays on the host.
        assertThat(localJournal(w, ran.runId()))
            .filteredOn(HostRevoked.class::isInstance)
            .hasSize(1);
        // What the audit store took before the revocation verifies; the rest stays queued here.
        assertThat(ran.result().receiptsAcknowledged()).isFalse();
        w.verifiedExport(ran.runId());
      }
    }
  }

  @Test
  void whenTheJournalCannotBeWrittenNothingRunsAndTheRunStopsAuditUnavailable() throws Exception {
    try (WholeRun w = new WholeRun(dir, List.of(write("c1", "first.txt"), text("Done.")))) {
      // The host's disk is full: every write to this run's journal fails (ENOSPC).
      WholeRun.Ran ran =
          w.run(
              w.plan("write a file"),
              TIMING,
              RunListener.NONE,
              runId -> {
                Files.createDirectories(w.host.queueDir());
                Files.createSymbolicLink(
                    RunJournals.file(w.host.queueDir(), runId), Path.of("/dev/full"));
              });

      assertEnded(ran, w.stored(ran.runId()), "stopped", StopReason.AUDIT_UNAVAILABLE);
      assertThat(w.model.played()).isZero();
      assertThat(w.workspace.resolve("first.txt")).doesNotExist();
      JsonNode stored = w.storedReceipts(ran.runId());
      assertThat(stored.path("nextSeq").asInt(0)).isZero();
    }
  }

  static ScriptedTurn text(String t) {
    return ScriptedTurn.text(t);
  }

  static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static ToolReceipt toolReceipt(List<Receipt> receipts, String callId) {
    return receipts.stream()
        .filter(r -> r instanceof ToolReceipt t && t.callId().equals(callId))
        .map(ToolReceipt.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no receipt for " + callId));
  }
}
