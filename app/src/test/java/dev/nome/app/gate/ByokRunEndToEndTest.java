package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.policy.Policies;
import dev.nome.core.policy.Policy;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.agent.AgentLoop;
import dev.nome.runner.agent.AgentSettings;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.model.ProxyModelClient;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.receipts.HostKeySigner;
import dev.nome.runner.receipts.ReceiptUploader;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tools.ToolLimits;
import dev.nome.runner.tools.Tools;
import dev.nome.runner.tools.Workspace;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.TestRuns;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole BYOK path with the real HTTP pieces: NOME's loop asks the control plane's model proxy
 * ({@link ProxyModelClient}), which calls a scripted provider speaking the Anthropic Messages API;
 * the tool calls it asks for go through the gate; the receipts reach the audit store and verify.
 * The provider sees the tool results, scrubbed; the key never reaches the host.
 */
class ByokRunEndToEndTest {

  static final String KEY = "sk-ant-api03-gateEndToEndTestKey0123456789abcdefghijklmnopq";
  static final String TOKEN = "ghp_R8kQz2VbN7xLpT4mW9cYhJ3sD6fG1aE5uKoi";

  @TempDir Path dir;

  @Test
  void aByokRunThroughTheModelProxyAndTheGate() throws Exception {
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.tools(
                "Reading.",
                new ScriptedTurn.ToolCall("toolu_1", "read_file", "{\"path\":\"README.md\"}")),
            ScriptedTurn.tools(
                "Checking the deploy notes.",
                new ScriptedTurn.ToolCall("toolu_2", "shell", "{\"command\":\"cat deploy.txt\"}")),
            ScriptedTurn.tools(
                "And the environment file.",
                new ScriptedTurn.ToolCall("toolu_3", "read_file", "{\"path\":\".env\"}")),
            ScriptedTurn.tools(
                "Writing a summary.",
                new ScriptedTurn.ToolCall(
                    "toolu_4", "write_file", "{\"path\":\"SUMMARY.md\",\"content\":\"ok\\n\"}")),
            ScriptedTurn.text("Done."));
    try (TestByok t =
        TestByok.start(
            dir.resolve("server"), Optional.empty(), KEY, script, UnaryOperator.identity())) {
      String keyId = t.addKey("anthropic", "work", null, KEY);
      HostKey hostKey = HostKey.generate();
      var issued =
          t.plane.pairLocalHost(
              new HostInfo("runner-box", "Linux", "dev", hostKey.publicKeyBase64()));
      String token = issued.deviceToken();
      String hostId = issued.host().id();
      String runId = t.run(new TestByok.Host(token, hostId), keyId, Optional.empty());
      String workItem = TestRuns.recordRun(t.plane, runId, hostId, t.accountId);

      Path ws = Files.createDirectories(dir.resolve("workspace"));
      Files.writeString(ws.resolve("README.md"), "a small project\n");
      Files.writeString(ws.resolve("deploy.txt"), "deploy with " + TOKEN + "\n");
      Files.writeString(ws.resolve(".env"), "GITHUB_TOKEN=" + TOKEN + "\n");

      byte[] fp = new byte[32];
      new SecureRandom().nextBytes(fp);
      SecretScrubber scrubber = SecretScrubber.create(fp);
      Policy policy = Policies.shippedPolicy();
      ControlPlaneLink link = new ControlPlaneLink();
      try (ReceiptUploader uploader =
          new ReceiptUploader(
                  t.plane.url(),
                  token,
                  runId,
                  RunJournals.open(dir.resolve("queue"), runId),
                  link,
                  Duration.ofMillis(50),
                  Duration.ofMillis(400))
              .start()) {
        RunChain chain =
            RunChain.start(
                runId,
                Optional.of(workItem),
                new HostKeySigner(hostId, hostKey),
                uploader,
                Clock.systemUTC(),
                1);
        Workspace workspace = Workspace.open(ws, policy.files(), ToolLimits.standard());
        Gate gate =
            new Gate(
                new Gate.RunContext(runId, Optional.of(workItem), hostId, "default"),
                Gate.decider(policy, workspace),
                workspace,
                Tools.standard(),
                scrubber,
                KeyedHmac.generate("runner"),
                chain,
                new ApprovalClient(t.plane.url(), token)::raiseAndAwait,
                link,
                Gate.Timing.standard());
        RunOutcome outcome =
            new AgentLoop(
                    new ProxyModelClient(t.plane.url(), token, runId),
                    gate,
                    AgentSettings.standard(Optional.empty()),
                    scrubber,
                    RunListener.NONE)
                .run(
                    "summarise the project",
                    new RouteRecord(
                        "byok",
                        "byok-metered",
                        "anthropic",
                        "none",
                        scrubber.scrub(""),
                        "default-model"));

        assertThat(outcome.status()).as(outcome.message()).isEqualTo("succeeded");
        assertThat(outcome.toolCalls()).isEqualTo(4);
        assertThat(t.model.played()).isEqualTo(5);
        assertThat(ws.resolve("SUMMARY.md")).hasContent("ok");
        // The provider got the tool results (scrubbed), never the secret nor the refused file.
        assertThat(t.model.whereSeen(TOKEN)).isEmpty();
        String lastRequest = t.model.received().getLast().json().toString();
        assertThat(lastRequest).contains("a small project").contains("[REDACTED:github-pat:");
        assertThat(lastRequest).contains("not allowed");
        // The key stayed on the control plane: it appears only in the provider's auth header.
        assertThat(t.model.whereSeen(KEY)).allMatch(w -> w.contains("header"));

        assertThat(uploader.flush(Duration.ofSeconds(20))).isTrue();
        var bundle =
            WebClient.bearer(
                t.plane.url(), t.userToken, "GET", "/api/audit/export?run=" + runId, null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).doesNotContain(TOKEN).doesNotContain(KEY);
        var verified =
            new BundleVerifier(scrubber::scrub, Optional.empty())
                .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(verified.ok()).as(verified.toString()).isTrue();
      }
    }
  }
}
