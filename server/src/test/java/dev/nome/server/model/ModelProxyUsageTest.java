package dev.nome.server.model;

import static dev.nome.server.model.ModelProxyOnRunsTest.addKey;
import static dev.nome.server.model.ModelProxyOnRunsTest.call;
import static dev.nome.server.model.ModelProxyOnRunsTest.refused;
import static dev.nome.server.model.ModelProxyOnRunsTest.startRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.runs.RunService;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.testing.WebClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model proxy records the usage of a byok run: every successful provider answer adds its tokens
 * to the run's totals in the runs store, concurrent calls included, and a host's own usage report
 * is refused for byok runs (it would count twice) but accepted for seat runs.
 */
class ModelProxyUsageTest {

  static final String KEY = "sk-ant-api03-usageCountKey0123456789abcdefghijklmnopqrstuvwx";
  static final int CALLS = 12;

  @TempDir Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void everyAnswerAddsItsUsageToTheRunAndHostReportsOfByokRunsAreRefused(String dialect)
      throws Exception {
    List<ScriptedTurn> script = new ArrayList<>();
    long input = 0;
    long output = 0;
    for (int i = 0; i < CALLS; i++) {
      script.add(
          new ScriptedTurn.Reply("answer " + i, List.of(), 100 + i, 1 + i, Optional.empty()));
      input += 100 + i;
      output += 1 + i;
    }
    // After the concurrent calls: a refused key, which spends nothing and counts nothing.
    script.add(ScriptedTurn.status(401));
    Optional<String> db =
        dialect.equals("postgresql")
            ? Optional.of(TestPostgres.get().createDatabase())
            : Optional.empty();
    try (ScriptedModelServer model = ScriptedModelServer.start(KEY, script);
        ControlPlane plane =
            ControlPlane.start(
                new ServerConfig("127.0.0.1", 0, dataDir, db, 1)
                    .withModelProxy(TestByok.fast(model)),
                "t")) {
      WebClient.owner(plane, TestByok.PASSWORD);
      String user = Approvals.userToken(plane, TestByok.PASSWORD);
      String host = Approvals.hostToken(plane, "build-box");
      addKey(plane, user, "work", KEY);
      String run = startRun(plane, host);

      // Concurrent calls of one run: no count may be lost.
      ExecutorService pool = Executors.newFixedThreadPool(CALLS);
      try {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
          answers.add(pool.submit(() -> call(plane, host, run)));
        }
        long answeredInput = 0;
        for (Future<HttpResponse<String>> f : answers) {
          HttpResponse<String> res = f.get();
          assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
          answeredInput += WebClient.json(res).at("/usage/inputTokens").asLong();
        }
        assertThat(answeredInput).isEqualTo(input);
      } finally {
        pool.shutdownNow();
      }
      assertThat(refused(call(plane, host, run), 502)).isEqualTo("provider-auth-failed");

      JsonNode seen =
          WebClient.json(WebClient.bearer(plane.url(), user, "GET", "/api/runs/" + run, null));
      assertThat(seen.get("inputTokens").asLong()).isEqualTo(input);
      assertThat(seen.get("outputTokens").asLong()).isEqualTo(output);
      JsonNode seenByHost =
          WebClient.json(WebClient.bearer(plane.url(), host, "GET", "/api/runs/" + run, null));
      assertThat(seenByHost.get("inputTokens").asLong()).isEqualTo(input);

      // The host's own report of a byok run would count the same tokens twice.
      var report = usage(plane, host, run, 1000, 100);
      assertThat(report.statusCode()).as(report.body()).isEqualTo(409);
      assertThat(WebClient.json(report).at("/error/code").asText())
          .isEqualTo(RunService.USAGE_RECORDED_BY_PROXY);
      assertThat(WebClient.json(report).at("/error/message").asText())
          .contains("recorded by the model proxy");
      JsonNode after =
          WebClient.json(WebClient.bearer(plane.url(), user, "GET", "/api/runs/" + run, null));
      assertThat(after.get("inputTokens").asLong()).isEqualTo(input);
      assertThat(after.get("outputTokens").asLong()).isEqualTo(output);

      // A seat run's usage is the CLI's, which only the host sees: its report is accepted.
      String seat = startSeatRun(plane, host);
      var first = usage(plane, host, seat, 300, 40);
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      var second = usage(plane, host, seat, 200, 10);
      assertThat(WebClient.json(second).get("inputTokens").asLong()).isEqualTo(500);
      JsonNode seatRun =
          WebClient.json(WebClient.bearer(plane.url(), user, "GET", "/api/runs/" + seat, null));
      assertThat(seatRun.get("inputTokens").asLong()).isEqualTo(500);
      assertThat(seatRun.get("outputTokens").asLong()).isEqualTo(50);
    }
  }

  static HttpResponse<String> usage(ControlPlane plane, String host, String run, long in, long out)
      throws Exception {
    String body =
        WebClient.JSON
            .createObjectNode()
            .put("inputTokens", in)
            .put("outputTokens", out)
            .toString();
    return WebClient.bearer(plane.url(), host, "POST", "/api/runs/" + run + "/usage", body);
  }

  static String startSeatRun(ControlPlane plane, String host) throws Exception {
    var item =
        WebClient.bearer(plane.url(), host, "POST", "/api/work-items", "{\"title\":\"seat\"}");
    assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
    String body =
        WebClient.JSON
            .createObjectNode()
            .put("workItemId", WebClient.json(item).get("id").asText())
            .put("route", "seat:claude")
            .put("workspace", "/home/dev/p")
            .put("role", "coder")
            .put("task", "fix the build")
            .put("cli", "claude")
            .put("cliVersion", "2.1.197 (Claude Code)")
            .toString();
    var run = WebClient.bearer(plane.url(), host, "POST", "/api/runs", body);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
    return WebClient.json(run).get("id").asText();
  }
}
