package dev.nome.runner.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.core.policy.Policies;
import dev.nome.core.policy.Policy;
import dev.nome.core.policy.PolicyLayer;
import dev.nome.core.policy.PolicyParser;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.GateResult;
import dev.nome.runner.gate.TestGates;
import dev.nome.runner.gate.ToolRequest;
import dev.nome.runner.model.ContentBlock;
import dev.nome.runner.model.ModelClient;
import dev.nome.runner.model.ModelException;
import dev.nome.runner.model.ModelReply;
import dev.nome.runner.model.ModelRequest;
import dev.nome.runner.model.Usage;
import dev.nome.runner.receipts.ControlPlaneLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop and the gate without a control plane: approvals come from a stand-in, receipts go to a
 * list. What the server adds is tested in the app module against a real one.
 */
class AgentLoopTest {

  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);

  @TempDir Path dir;
  Path root;
  List<ChainedReceipt> receipts;
  ControlPlaneLink link;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("ws"));
    receipts = new CopyOnWriteArrayList<>();
    link = new ControlPlaneLink();
  }

  Gate gate(Policy policy, Approvals approvals, Duration offlineWait) throws Exception {
    return TestGates.gate(
        root,
        policy,
        (ChainedReceipt r, Optional<ChainSignature> s) -> receipts.add(r),
        approvals,
        link,
        offlineWait);
  }

  static Approvals never() {
    return ask -> {
      throw new AssertionError("no approval expected");
    };
  }

  static ModelClient script(List<Object> turns) {
    Iterator<Object> it = new ArrayList<>(turns).iterator();
    return request -> {
      Object next = it.next();
      if (next instanceof ModelException e) {
        throw e;
      }
      return (ModelReply) next;
    };
  }

  static ModelReply use(String id, String tool, Map<String, Object> input) {
    return new ModelReply(
        "tool_use", List.of(new ContentBlock.ToolUse(id, tool, input)), new Usage(10, 5));
  }

  static RouteRecord route() {
    return new RouteRecord("byok", "byok-metered", "openai", "none", SCRUBBER.scrub(""), "m");
  }

  RunOutcome run(Gate gate, ModelClient model, int maxSteps) {
    return new AgentLoop(
            model,
            gate,
            new AgentSettings(Optional.empty(), "system", 100, maxSteps),
            SCRUBBER,
            RunListener.NONE)
        .run("task", route());
  }

  RunEnded ended() {
    return (RunEnded) receipts.getLast().receipt();
  }

  @Test
  void aProviderFailureStopsTheRunWithItsReasonAndTheChainSaysSo() throws Exception {
    Gate gate = gate(Policies.shippedPolicy(), never(), Duration.ofSeconds(1));
    RunOutcome o =
        run(
            gate,
            script(
                List.of(
                    use("c1", "list_dir", Map.of()),
                    new ModelException(StopReason.PROVIDER_AUTH_FAILED, "401 from the provider"))),
            10);
    assertThat(o.status()).isEqualTo("stopped");
    assertThat(o.reason()).contains(StopReason.PROVIDER_AUTH_FAILED);
    assertThat(o.usage()).isEqualTo(new Usage(10, 5));
    assertThat(receipts.get(1).receipt().type()).isEqualTo("route");
    assertThat(ended().status()).isEqualTo(RunStatus.STOPPED);
    assertThat(ended().stopReason().value()).startsWith("provider-auth-failed");
  }

  @Test
  void theTaskReachesTheModelScrubbed() throws Exception {
    Gate gate = gate(Policies.shippedPolicy(), never(), Duration.ofSeconds(1));
    String token = "ghp_R8kQz2VbN7xLpT4mW9cYhJ3sD6fG1aE5uKoi";
    List<ModelRequest> sent = new CopyOnWriteArrayList<>();
    ModelClient model =
        request -> {
          sent.add(request);
          return new ModelReply(
              "end_turn", List.of(new ContentBlock.Text("done")), new Usage(1, 1));
        };
    new AgentLoop(
            model,
            gate,
            new AgentSettings(Optional.empty(), "system", 100, 3),
            SCRUBBER,
            RunListener.NONE)
        .run("deploy with " + token, route());
    String task =
        ((ContentBlock.Text) sent.getFirst().messages().getFirst().content().getFirst()).text();
    assertThat(task).startsWith("deploy with ghp_[REDACTED:github-pat:").doesNotContain(token);
  }

  @Test
  void theStepLimitStopsARunThatNeverEnds() throws Exception {
    Gate gate = gate(Policies.shippedPolicy(), never(), Duration.ofSeconds(1));
    List<Object> turns = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      turns.add(use("c" + i, "list_dir", Map.of()));
    }
    RunOutcome o = run(gate, script(turns), 3);
    assertThat(o.reason()).contains(StopReason.BUDGET_EXHAUSTED);
    assertThat(o.steps()).isEqualTo(3);
    assertThat(o.toolCalls()).isEqualTo(3);
  }

  @Test
  void aSpentBudgetDeniesTheCallAndStopsTheRun() throws Exception {
    Policy tight =
        Policies.shippedPolicy()
            .then(PolicyParser.parse(PolicyLayer.Kind.USER, "test", "[run]\nbudget = 1\n"));
    Gate gate = gate(tight, never(), Duration.ofSeconds(1));
    Files.writeString(root.resolve("a.txt"), "a");
    RunOutcome o =
        run(
            gate,
            script(
                List.of(
                    use("c1", "read_file", Map.of("path", "a.txt")),
                    use("c2", "read_file", Map.of("path", "a.txt")))),
            10);
    assertThat(o.reason()).contains(StopReason.BUDGET_EXHAUSTED);
    ToolReceipt second = (ToolReceipt) receipts.get(receipts.size() - 2).receipt();
    assertThat(second.callId()).isEqualTo("c2");
    assertThat(second.decision()).isEqualTo(Decision.DENIED);
    assertThat(second.rule()).isEqualTo("run.budget");
  }

  @Test
  void anUnknownToolAndAFailingApprovalPathAreDenialsAndNothingRuns() throws Exception {
    Approvals broken =
        ask -> {
          throw new IllegalStateException("boom");
        };
    Gate gate = gate(Policies.shippedPolicy(), broken, Duration.ofSeconds(1));
    GateResult unknown = gate.call(ToolRequest.of("c1", "teleport", Map.of()));
    assertThat(unknown.allowed()).isFalse();
    assertThat(((ToolReceipt) receipts.getLast().receipt()).rule()).isEqualTo("gate:unknown-tool");

    Files.writeString(root.resolve("name.txt"), "made.txt");
    GateResult danger =
        gate.call(ToolRequest.of("c2", "shell", Map.of("command", "touch \"$(cat name.txt)\"")));
    assertThat(danger.tier()).isEqualTo(Tier.DANGER);
    assertThat(danger.allowed()).isFalse();
    assertThat(danger.reason().value()).contains("gate error");
    assertThat(root.resolve("made.txt")).doesNotExist();
    assertThat(gate.stopReason()).isEmpty();
  }

  @Test
  void anApprovalThatCannotBeSentFallsToTheOfflineRuleAndIsDenied() throws Exception {
    Approvals unreachable =
        ask -> {
          throw new IOException("connection refused");
        };
    Gate gate = gate(Policies.shippedPolicy(), unreachable, Duration.ofMillis(300));
    Files.writeString(root.resolve("name.txt"), "made.txt");
    GateResult r =
        gate.call(ToolRequest.of("c1", "shell", Map.of("command", "touch \"$(cat name.txt)\"")));
    assertThat(link.state()).isEqualTo(ControlPlaneLink.State.OFFLINE);
    assertThat(r.allowed()).isFalse();
    assertThat(r.reason().value()).contains("stayed unreachable");
    assertThat(root.resolve("made.txt")).doesNotExist();
    // Read-tier calls still run while offline ("allow-read").
    assertThat(gate.call(ToolRequest.of("c2", "list_dir", Map.of())).allowed()).isTrue();
  }
}
