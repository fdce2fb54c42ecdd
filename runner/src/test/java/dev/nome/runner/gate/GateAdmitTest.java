package dev.nome.runner.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.core.policy.Policies;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.ToolIntent;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.approvals.ApprovalDecision;
import dev.nome.runner.receipts.ControlPlaneLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls a provider CLI runs itself: the gate decides and records the intent ({@code admit}), the
 * CLI runs the call, and the gate records its result ({@code complete}).
 */
class GateAdmitTest {

  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);
  static final String TOKEN = "ghp_R8kQz2VbN7xLpT4mW9cYhJ3sD6fG1aE5uKoi";

  @TempDir Path dir;
  Path root;
  List<ChainedReceipt> receipts;
  AtomicBoolean journalBroken;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("ws"));
    receipts = new CopyOnWriteArrayList<>();
    journalBroken = new AtomicBoolean();
  }

  Gate gate(Approvals approvals) throws Exception {
    return TestGates.gate(
        root,
        Policies.shippedPolicy(),
        (ChainedReceipt r, Optional<ChainSignature> s) -> {
          if (journalBroken.get()) {
            throw new IOException("disk full");
          }
          receipts.add(r);
        },
        approvals,
        new ControlPlaneLink(),
        Duration.ofSeconds(1));
  }

  static Approvals never() {
    return ask -> {
      throw new AssertionError("no approval expected");
    };
  }

  @Test
  void anAdmittedCallHasItsIntentDurableAndItsResultRecordedScrubbedWhenTheCliRanIt()
      throws Exception {
    Gate gate = gate(never());
    Admission a = gate.admit(ToolRequest.of("toolu_1", "shell", Map.of("command", "ls -la")));
    assertThat(a).isInstanceOf(Admission.Admitted.class);
    assertThat(a.result().allowed()).isTrue();
    assertThat(a.result().tier()).isEqualTo(Tier.READ);
    assertThat(receipts.getLast().receipt()).isInstanceOf(ToolIntent.class);
    // Nothing ran in the gate: the workspace is untouched, no output yet.
    assertThat(a.result().output().value()).isEmpty();

    Pending p = ((Admission.Admitted) a).pending();
    assertThat(gate.complete(p, "listing\ntoken " + TOKEN + "\n", true, OptionalInt.of(0), 12))
        .isTrue();
    ToolReceipt done = (ToolReceipt) receipts.getLast().receipt();
    assertThat(done.callId()).isEqualTo("toolu_1");
    assertThat(done.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(done.durationMillis()).isEqualTo(12);
    assertThat(done.output().toString()).doesNotContain(TOKEN).contains("[REDACTED:github-pat:");
  }

  @Test
  void aRefusedCallIsRecordedAndHasNoIntent() throws Exception {
    Gate gate = gate(never());
    Admission a = gate.admit(ToolRequest.of("toolu_2", "read_file", Map.of("path", ".env")));
    assertThat(a).isInstanceOf(Admission.Refused.class);
    assertThat(a.result().allowed()).isFalse();
    assertThat(a.result().reason().value()).contains(".env");
    assertThat(receipts).noneMatch(r -> r.receipt() instanceof ToolIntent);
    ToolReceipt refused = (ToolReceipt) receipts.getLast().receipt();
    assertThat(refused.decision()).isEqualTo(Decision.DENIED);
  }

  @Test
  void aDangerousCallIsAdmittedOnlyAfterAPersonApproves() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    Gate approving =
        gate(
            ask -> {
              asked.add(ask.action().value());
              return new ApprovalDecision(
                  "req-1",
                  ApprovalDecision.Outcome.APPROVED,
                  Optional.of("owner"),
                  Optional.empty());
            });
    Admission a =
        approving.admit(
            ToolRequest.of("toolu_3", "shell", Map.of("command", "git push --force origin main")));
    assertThat(asked).containsExactly("git push --force origin main");
    assertThat(a).isInstanceOf(Admission.Admitted.class);
    assertThat(((Admission.Admitted) a).pending().approvalId()).contains("req-1");

    Gate denying =
        gate(
            ask ->
                new ApprovalDecision(
                    "req-2",
                    ApprovalDecision.Outcome.DENIED,
                    Optional.of("owner"),
                    Optional.empty()));
    assertThat(
            denying.admit(
                ToolRequest.of(
                    "toolu_4", "shell", Map.of("command", "git push --force origin main"))))
        .isInstanceOf(Admission.Refused.class);
  }

  @Test
  void aCallNeedingAPersonWhileAnotherWaitsIsRefusedWithWhyAndRecorded() throws Exception {
    Gate busy =
        gate(
            ask -> {
              throw new ApprovalBusy();
            });
    Admission a =
        busy.admit(
            ToolRequest.of("toolu_5", "shell", Map.of("command", "git push --force origin main")));
    assertThat(a).isInstanceOf(Admission.Refused.class);
    assertThat(a.result().reason().value()).contains("waiting for a person").contains("ask again");
    assertThat(receipts)
        .anyMatch(
            r ->
                r.receipt() instanceof dev.nome.core.receipt.ToolReceipt t
                    && t.callId().equals("toolu_5")
                    && t.decision() == dev.nome.core.receipt.Decision.DENIED
                    && t.toString().contains(ApprovalBusy.RULE));
    assertThat(busy.stopReason()).isEmpty();
  }

  @Test
  void whatCannotBeRecordedIsNotAdmittedAndStopsTheRun() throws Exception {
    Gate gate = gate(never());
    journalBroken.set(true);
    Admission a = gate.admit(ToolRequest.of("toolu_5", "shell", Map.of("command", "ls")));
    assertThat(a).isInstanceOf(Admission.Refused.class);
    assertThat(gate.stopReason()).contains(StopReason.AUDIT_UNAVAILABLE);

    journalBroken.set(false);
    Gate other = gate(never());
    Admission ok = other.admit(ToolRequest.of("toolu_6", "shell", Map.of("command", "ls")));
    journalBroken.set(true);
    assertThat(
            other.complete(((Admission.Admitted) ok).pending(), "out", true, OptionalInt.of(0), 1))
        .isFalse();
    assertThat(other.stopReason()).contains(StopReason.AUDIT_UNAVAILABLE);
  }
}
