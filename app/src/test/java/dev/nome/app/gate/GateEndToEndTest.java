package dev.nome.app.gate;

import static dev.nome.app.gate.ScriptedModel.done;
import static dev.nome.app.gate.ScriptedModel.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.Tier;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.runner.agent.AgentLoop;
import dev.nome.runner.agent.AgentSettings;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BYOK-style run through the real gate against a real control plane: reads pass, a write in the
 * workspace runs, a dangerous command waits for a person (approved once, refused once), credential
 * files are refused, a secret in tool output is scrubbed in what the model sees and in every
 * receipt, and the chain the server holds verifies.
 */
class GateEndToEndTest {

  static final String TOKEN = "ghp_R8kQz2VbN7xLpT4mW9cYhJ3sD6fG1aE5uKoi";

  @TempDir Path dir;

  @Test
  void aRunThroughTheGateDecidesEachCallRightAndLeavesAVerifiableTrail() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      Path ws = f.workspace;
      Files.writeString(ws.resolve("README.md"), "hello gate\n");
      Files.writeString(ws.resolve("name.txt"), "approved.txt");
      Files.writeString(ws.resolve("name2.txt"), "rejected.txt");
      Files.writeString(ws.resolve("secrets.txt"), "deploy token: " + TOKEN + "\n");
      Files.writeString(ws.resolve(".env"), "API_KEY=" + TOKEN + "\n");

      ScriptedModel model =
          new ScriptedModel(
              List.of(
                  tool("c1", "read_file", Map.of("path", "README.md")),
                  tool("c2", "write_file", Map.of("path", "out.txt", "content", "by the agent\n")),
                  tool("c3", "shell", Map.of("command", "touch \"$(cat name.txt)\"")),
                  tool("c4", "read_file", Map.of("path", ".env")),
                  tool("c5", "read_file", Map.of("path", "~/.ssh/id_rsa")),
                  tool("c6", "shell", Map.of("command", "cat secrets.txt")),
                  tool("c7", "write_file", Map.of("path", ".env.production", "content", "X=1\n")),
                  tool("c8", "shell", Map.of("command", "touch \"$(cat name2.txt)\"")),
                  done("all done")));
      List<String> lines = new CopyOnWriteArrayList<>();
      List<String> waits = new CopyOnWriteArrayList<>();
      RunListener listener =
          new RunListener() {
            @Override
            public void toolCall(String summary) {
              lines.add(summary);
            }

            @Override
            public void approvalWaiting(String t, Tier tier, boolean queued) {
              waits.add(t + ":" + tier + ":" + queued);
            }
          };
      try (Approver person =
              new Approver(
                  f.plane.url(),
                  f.userToken,
                  action -> action.contains("name2.txt") ? "deny" : "approve");
          RunnerFixture.Run run = f.new Run("run-e2e", Gate.Timing.standard())) {
        RunOutcome outcome =
            new AgentLoop(
                    model,
                    run.gate,
                    AgentSettings.standard(Optional.of("claude-test")),
                    f.scrubber,
                    listener)
                .run(
                    "tidy the workspace",
                    new RouteRecord(
                        "byok",
                        "byok-metered",
                        "anthropic",
                        "none",
                        f.scrubber.scrub(""),
                        "claude-test"));

        assertThat(outcome.status()).as(outcome.message()).isEqualTo("succeeded");
        assertThat(outcome.toolCalls()).isEqualTo(8);
        assertThat(outcome.usage().inputTokens()).isEqualTo(8 * 100 + 120);

        // What the model saw.
        assertThat(model.result("c1").isError()).isFalse();
        assertThat(model.result("c1").content()).contains("hello gate");
        assertThat(model.result("c2").isError()).isFalse();
        assertThat(model.result("c3").isError()).isFalse();
        assertThat(model.result("c4").isError()).isTrue();
        assertThat(model.result("c4").content()).contains("not allowed");
        assertThat(model.result("c5").isError()).isTrue();
        assertThat(model.result("c6").isError()).isFalse();
        assertThat(model.result("c6").content())
            .contains("deploy token: ghp_[REDACTED:github-pat:");
        assertThat(model.result("c7").isError()).isTrue();
        assertThat(model.result("c8").isError()).isTrue();
        assertThat(model.result("c8").content()).contains("rejected");
        assertThat(model.received.toString()).doesNotContain(TOKEN);
        // Only the tools the policy offers, each with a schema.
        assertThat(model.received.getFirst().tools())
            .extracting(t -> t.name())
            .containsExactlyInAnyOrder(
                "shell", "read_file", "write_file", "edit_file", "list_dir", "search");

        // Side effects match the decisions.
        assertThat(ws.resolve("out.txt")).hasContent("by the agent");
        assertThat(ws.resolve("approved.txt")).exists();
        assertThat(ws.resolve(".env.production")).doesNotExist();
        assertThat(ws.resolve("rejected.txt")).doesNotExist();

        // Progress: one line per call, both dangerous calls waited for a person.
        assertThat(lines).hasSize(8);
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN);
        assertThat(lines.get(2)).startsWith("shell [danger] approved");
        assertThat(waits).containsExactly("shell:DANGER:false", "shell:DANGER:false");
        assertThat(person.raised).hasSize(2);

        // Every receipt reached the audit store, and its chain verifies.
        assertThat(run.uploader.flush(Duration.ofSeconds(20))).isTrue();
        var stored = f.storedReceipts("run-e2e");
        assertThat(stored.statusCode()).isEqualTo(200);
        JsonNode json = WebClient.json(stored);
        assertThat(json.path("ended").asBoolean()).isTrue();
        assertThat(stored.body()).doesNotContain(TOKEN);
        List<String> types = json.path("receipts").findValuesAsText("type");
        assertThat(types.getFirst()).isEqualTo("run_started");
        assertThat(types.get(1)).isEqualTo("route");
        assertThat(types.getLast()).isEqualTo("run_ended");
        assertThat(types).filteredOn("approval"::equals).hasSize(2);
        assertThat(types).filteredOn("tool"::equals).hasSize(8);
        assertThat(types).filteredOn("tool_intent"::equals).hasSize(4); // c1, c2, c3, c6 ran

        var bundle = f.export("run-e2e");
        assertThat(bundle.statusCode()).isEqualTo(200);
        var verified =
            new BundleVerifier(f.scrubber::scrub, Optional.empty())
                .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(verified.ok()).as(verified.toString()).isTrue();

        // The local journal holds the same chain, also without the secret.
        var local = RunJournals.read(RunJournals.file(f.queue, "run-e2e"), f.scrubber::scrub);
        assertThat(local.receipts()).hasSize(json.path("nextSeq").asInt());
        assertThat(Files.readString(RunJournals.file(f.queue, "run-e2e"))).doesNotContain(TOKEN);
        ToolReceipt secretRead =
            local.receipts().stream()
                .map(ChainedReceipt::receipt)
                .filter(r -> r instanceof ToolReceipt t && t.callId().equals("c6"))
                .map(ToolReceipt.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(secretRead.output().head().value()).contains("[REDACTED").doesNotContain(TOKEN);
        assertThat(secretRead.tier()).isEqualTo(Tier.READ);
      }
    }
  }
}
