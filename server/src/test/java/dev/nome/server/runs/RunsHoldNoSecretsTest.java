package dev.nome.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.storage.Database;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P5 for work items and runs: a canary secret in every text a person or a host sends (title,
 * description, task, workspace, step, stop message, CLI version, artifact) appears in no API
 * answer, no page and no byte of the database files.
 */
class RunsHoldNoSecretsTest {

  @TempDir Path dataDir;

  @Test
  void aCanaryInEveryFieldReachesNoAnswerNoPageAndNoDatabaseByte() throws Exception {
    String canary = Secrets.anthropicKey();
    List<String> answers = new ArrayList<>();
    try (ControlPlane plane =
        ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), 1), "t")) {
      WebClient owner = WebClient.owner(plane, "owner password 1");
      String user = Approvals.userToken(plane, "owner password 1");
      String host = Approvals.hostToken(plane, "laptop");
      var base = plane.url();

      ObjectNode item = WebClient.JSON.createObjectNode();
      item.put("title", "title " + canary);
      item.put("description", "description " + canary);
      var created = WebClient.bearer(base, user, "POST", "/api/work-items", item.toString());
      answers.add(created.body());
      String itemId = WebClient.json(created).get("id").asText();

      ObjectNode start = WebClient.JSON.createObjectNode();
      start.put("workItemId", itemId);
      start.put("route", "seat:claude");
      start.put("workspace", "/home/dev/" + canary);
      start.put("task", "task " + canary);
      start.put("cli", "claude");
      start.put("cliVersion", "2.1 " + canary);
      var started = WebClient.bearer(base, host, "POST", "/api/runs", start.toString());
      assertThat(started.statusCode()).isEqualTo(201);
      answers.add(started.body());
      String runId = WebClient.json(started).get("id").asText();

      ObjectNode step = WebClient.JSON.createObjectNode();
      step.put("status", "running");
      step.put("step", "step " + canary);
      answers.add(
          WebClient.bearer(base, host, "POST", "/api/runs/" + runId + "/status", step.toString())
              .body());
      ObjectNode end = WebClient.JSON.createObjectNode();
      end.put("status", "failed");
      end.put("reason", "internal-error");
      end.put("message", "message " + canary);
      answers.add(
          WebClient.bearer(base, host, "POST", "/api/runs/" + runId + "/status", end.toString())
              .body());

      // A route that names a key by a secret-shaped name (too long for a key name) is refused
      // without echoing it; so is a route of an unknown kind that carries one.
      ObjectNode byok = WebClient.JSON.createObjectNode();
      byok.put("workItemId", itemId);
      byok.put("route", "byok:" + canary);
      byok.put("workspace", "/w");
      byok.put("task", "t");
      var refused = WebClient.bearer(base, host, "POST", "/api/runs", byok.toString());
      assertThat(refused.statusCode()).isEqualTo(400);
      answers.add(refused.body());
      byok.put("route", "magic:" + canary);
      var unknown = WebClient.bearer(base, host, "POST", "/api/runs", byok.toString());
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body()).contains("unknown route");
      answers.add(unknown.body());

      var put =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(base.resolve("/api/runs/" + runId + "/artifacts/out.log"))
                      .header("Authorization", "Bearer " + host)
                      .PUT(HttpRequest.BodyPublishers.ofString("artifact " + canary))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      answers.add(put.body());

      answers.add(WebClient.bearer(base, user, "GET", "/api/work-items", null).body());
      answers.add(WebClient.bearer(base, user, "GET", "/api/work-items/" + itemId, null).body());
      answers.add(WebClient.bearer(base, user, "GET", "/api/runs/" + runId, null).body());
      answers.add(owner.get("/api/runs/" + runId + "/artifacts/out.log").body());
      answers.add(owner.get("/work-items").body());
      answers.add(owner.get("/work-items/" + itemId).body());
      answers.add(owner.get("/work-items/" + itemId + "/runs").body());
      answers.add(owner.get("/runs/" + runId).body());
      // The answers are real: they hold the text around the canary, and its redaction.
      assertThat(String.join("\n", answers))
          .contains("title ")
          .contains("step sk-ant-[REDACTED:")
          .contains("artifact sk-ant-[REDACTED:");
    }
    for (String a : answers) {
      assertThat(a).doesNotContain(canary).doesNotContain(canary.substring(0, 30));
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (var files = Files.list(dataDir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (p.getFileName().toString().startsWith(Database.SQLITE_FILE)) {
          all.write(Files.readAllBytes(p));
        }
      }
    }
    String bytes = all.toString(StandardCharsets.ISO_8859_1);
    assertThat(bytes).contains("description sk-ant-[REDACTED:");
    assertThat(bytes).doesNotContain(canary).doesNotContain(canary.substring(13, 60));
  }
}
