package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.route.StopReason;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.runs.RunsClient;
import dev.nome.server.testing.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's runs API client against a real control plane. */
class RunsClientTest {

  @TempDir Path dir;

  static String anthropicShapedKey() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder("sk-ant-api03-");
    for (int i = 0; i < 93; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.append("AA").toString();
  }

  @Test
  void createsARunReportsItAndARouteThatCannotRunIsRefusedWithItsReason() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      var key =
          WebClient.bearer(
              f.plane.url(),
              f.userToken,
              "POST",
              "/api/keys",
              "{\"provider\":\"anthropic\",\"name\":\"work\",\"key\":\""
                  + anthropicShapedKey()
                  + "\"}");
      assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
      var item =
          WebClient.bearer(
              f.plane.url(), f.deviceToken, "POST", "/api/work-items", "{\"title\":\"tidy up\"}");
      assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
      String workItem = WebClient.json(item).get("id").asText();

      RunsClient runs = new RunsClient(f.plane.url(), f.deviceToken, f.scrubber);
      RunRegistry.CreatedRun run =
          runs.create(
              RunRegistry.NewRun.byok(
                  workItem, "byok:work", f.workspace.toString(), "default", "tidy the workspace"));
      assertThat(run.status()).isEqualTo("starting");
      assertThat(run.route().authLane()).isEqualTo("byok");
      assertThat(run.route().costLane()).isEqualTo("byok-metered");
      assertThat(run.route().provider()).contains("anthropic");

      runs.status(run.id(), "running", Optional.of("turn 1"), Optional.empty(), Optional.empty());
      // The model proxy counts a byok run's tokens; the host's own report is refused.
      assertThatThrownBy(() -> runs.usage(run.id(), 120, 30))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("409")
          .hasMessageContaining("recorded by the model proxy");
      runs.status(
          run.id(),
          "stopped",
          Optional.of("turn 1"),
          Optional.of(StopReason.HOST_REVOKED),
          Optional.of("stopped by the test"));
      JsonNode stored =
          WebClient.json(
              WebClient.bearer(f.plane.url(), f.userToken, "GET", "/api/runs/" + run.id(), null));
      assertThat(stored.path("status").asText()).isEqualTo("stopped");
      assertThat(stored.path("reason").asText()).isEqualTo("host-revoked");
      assertThat(stored.path("inputTokens").asLong()).isZero();
      assertThat(stored.path("outputTokens").asLong()).isZero();
      assertThat(stored.path("message").asText()).isEqualTo("stopped by the test");

      // A seat run's usage is the CLI's: the host reports it.
      RunRegistry.CreatedRun seat =
          runs.create(
              new RunRegistry.NewRun(
                  workItem,
                  "seat:claude",
                  f.workspace.toString(),
                  "default",
                  "tidy the workspace",
                  Optional.of("claude"),
                  Optional.of("2.1.197 (Claude Code)"),
                  Optional.of("signed-in")));
      runs.usage(seat.id(), 120, 30);
      JsonNode seatRun =
          WebClient.json(
              WebClient.bearer(f.plane.url(), f.userToken, "GET", "/api/runs/" + seat.id(), null));
      assertThat(seatRun.path("inputTokens").asLong()).isEqualTo(120);
      assertThat(seatRun.path("outputTokens").asLong()).isEqualTo(30);

      assertThatThrownBy(
              () ->
                  runs.create(
                      RunRegistry.NewRun.byok(
                          workItem, "byok:no-such-key", f.workspace.toString(), "default", "task")))
          .isInstanceOfSatisfying(
              RunRegistry.RunRefused.class,
              e -> {
                assertThat(e.reason()).isEqualTo(StopReason.KEY_MISSING);
                assertThat(e.runId()).as("the refused run is recorded").isPresent();
              });

      // A work item of the host's own, and an artifact of its run.
      String created = runs.createWorkItem("from the host", "made by nome run");
      assertThat(
              WebClient.bearer(
                      f.plane.url(), f.userToken, "GET", "/api/work-items/" + created, null)
                  .statusCode())
          .isEqualTo(200);
      runs.putArtifact(run.id(), "run.log", "line one\n".getBytes(StandardCharsets.UTF_8));
      assertThat(
              WebClient.bearer(
                      f.plane.url(),
                      f.userToken,
                      "GET",
                      "/api/runs/" + run.id() + "/artifacts/run.log",
                      null)
                  .body())
          .isEqualTo("line one\n");
    }
  }
}
