package dev.nome.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.server.model.ScriptedTurn.ToolCall;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.testing.WebClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model proxy over real HTTP: a real control plane (SQLite, and PostgreSQL once), a key added
 * through the vault API, a paired host's device token, and a {@link ScriptedModelServer} in place
 * of the provider.
 */
class ModelProxyHttpTest {

  static final String ANTHROPIC_KEY = "sk-ant-api03-proxyTestKey0123456789abcdefghijklmnopqrstuv";
  static final String OPENAI_KEY = "sk-proj-proxyTestKey9876543210ZYXWVUTSRQPONMLKJIHGFEDCBA";

  @TempDir Path dataDir;

  static final ToolCall READ = new ToolCall("toolu_01", "read_file", "{\"path\":\"README.md\"}");

  TestByok start(String key, List<ScriptedTurn> script) throws Exception {
    return start(key, script, UnaryOperator.identity());
  }

  TestByok start(String key, List<ScriptedTurn> script, UnaryOperator<ModelProxySettings> tune)
      throws Exception {
    return TestByok.start(dataDir, Optional.empty(), key, script, tune);
  }

  static JsonNode ok(HttpResponse<String> res) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return WebClient.json(res);
  }

  static void refused(HttpResponse<String> res, int status, String code) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    assertThat(WebClient.json(res).at("/error/code").asText()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anthropicToolCallsRoundTripThroughTheNeutralShape(String dialect) throws Exception {
    Optional<String> db =
        dialect.equals("postgresql")
            ? Optional.of(TestPostgres.get().createDatabase())
            : Optional.empty();
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.tools("Let me look at the readme file first.", READ),
            new ScriptedTurn.Reply("The readme says hello.", List.of(), 31, 7, Optional.empty()));
    try (TestByok t =
        TestByok.start(dataDir, db, ANTHROPIC_KEY, script, UnaryOperator.identity())) {
      String keyId = t.addKey("anthropic", "work", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      String run = t.run(host, keyId, Optional.empty());

      JsonNode first = ok(t.call(host.token(), run, Conversations.first()));
      assertThat(first.get("stopReason").asText()).isEqualTo("tool_use");
      assertThat(first.at("/content/0/type").asText()).isEqualTo("text");
      assertThat(first.at("/content/0/text").asText())
          .isEqualTo("Let me look at the readme file first.");
      assertThat(first.at("/content/1/type").asText()).isEqualTo("tool_use");
      assertThat(first.at("/content/1/id").asText()).isEqualTo("toolu_01");
      assertThat(first.at("/content/1/name").asText()).isEqualTo("read_file");
      assertThat(first.at("/content/1/input/path").asText()).isEqualTo("README.md");
      assertThat(first.at("/usage/inputTokens").asLong()).isEqualTo(20);
      assertThat(first.at("/usage/outputTokens").asLong()).isEqualTo(8);
      assertThat(first.get("model").asText()).isEqualTo("claude-sonnet-4-6");

      JsonNode second =
          ok(t.call(host.token(), run, Conversations.afterTool("toolu_01", "hello", false)));
      assertThat(second.get("stopReason").asText()).isEqualTo("end_turn");
      assertThat(second.at("/content/0/text").asText()).isEqualTo("The readme says hello.");
      assertThat(second.get("content")).hasSize(1);
      assertThat(second.at("/usage/inputTokens").asLong()).isEqualTo(31);

      // What the provider received: the Anthropic shape, streaming, with the vault's key.
      List<ScriptedModelServer.Received> got = t.model.received();
      assertThat(got).hasSize(2).allMatch(r -> r.status() == 200 && r.api().equals("anthropic"));
      JsonNode req = got.get(1).json();
      assertThat(req.get("model").asText()).isEqualTo("claude-sonnet-4-6");
      assertThat(req.get("max_tokens").asInt()).isEqualTo(1024);
      assertThat(req.get("stream").asBoolean()).isTrue();
      assertThat(req.get("system").asText()).isEqualTo("You are careful.");
      assertThat(req.at("/tools/0/input_schema/properties/path/type").asText()).isEqualTo("string");
      assertThat(req.at("/messages/1/content/1/type").asText()).isEqualTo("tool_use");
      assertThat(req.at("/messages/1/content/1/input/path").asText()).isEqualTo("README.md");
      assertThat(req.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
      assertThat(req.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_01");
      assertThat(req.at("/messages/2/content/0/content").asText()).isEqualTo("hello");
      assertThat(got.get(0).headers().get("anthropic-version")).containsExactly("2023-06-01");
      assertThat(t.model.whereSeen(ANTHROPIC_KEY))
          .containsExactly("request 0 header x-api-key", "request 1 header x-api-key");
    }
  }

  @Test
  void openAiStreamingToolCallsAndUsage() throws Exception {
    ToolCall call = new ToolCall("call_abc", "read_file", "{\"path\":\"docs/a b.md\",\"n\":[1,2]}");
    List<ScriptedTurn> script =
        List.of(ScriptedTurn.tools("", call), ScriptedTurn.text("It is about spaces."));
    try (TestByok t = start(OPENAI_KEY, script)) {
      String keyId = t.addKey("openai", "oa", null, OPENAI_KEY);
      TestByok.Host host = t.host("box");
      String run = t.run(host, keyId, Optional.of("gpt-5-mini"));

      JsonNode first = ok(t.call(host.token(), run, Conversations.first()));
      assertThat(first.get("stopReason").asText()).isEqualTo("tool_use");
      assertThat(first.get("content")).hasSize(1);
      assertThat(first.at("/content/0/id").asText()).isEqualTo("call_abc");
      assertThat(first.at("/content/0/input/path").asText()).isEqualTo("docs/a b.md");
      assertThat(first.at("/content/0/input/n/1").asInt()).isEqualTo(2);
      assertThat(first.at("/usage/inputTokens").asLong()).isEqualTo(20);
      assertThat(first.at("/usage/outputTokens").asLong()).isEqualTo(8);
      assertThat(first.get("model").asText()).isEqualTo("gpt-5-mini");

      JsonNode second =
          ok(t.call(host.token(), run, Conversations.afterTool("call_abc", "no such file", true)));
      assertThat(second.get("stopReason").asText()).isEqualTo("end_turn");
      assertThat(second.at("/content/0/text").asText()).isEqualTo("It is about spaces.");

      JsonNode req = t.model.received().get(1).json();
      assertThat(req.get("model").asText()).isEqualTo("gpt-5-mini");
      assertThat(req.get("max_completion_tokens").asInt()).isEqualTo(1024);
      assertThat(req.has("max_tokens")).isFalse();
      assertThat(req.at("/stream_options/include_usage").asBoolean()).isTrue();
      assertThat(req.at("/messages/0/role").asText()).isEqualTo("system");
      assertThat(req.at("/messages/1/content").asText()).isEqualTo("Summarize the readme.");
      assertThat(req.at("/messages/2/role").asText()).isEqualTo("assistant");
      assertThat(req.at("/messages/2/content").asText()).isEqualTo("Let me look.");
      assertThat(req.at("/messages/2/tool_calls/0/function/name").asText()).isEqualTo("read_file");
      assertThat(
              NeutralJson.MAPPER
                  .readTree(req.at("/messages/2/tool_calls/0/function/arguments").asText())
                  .get("path")
                  .asText())
          .isEqualTo("README.md");
      assertThat(req.at("/messages/3/role").asText()).isEqualTo("tool");
      assertThat(req.at("/messages/3/tool_call_id").asText()).isEqualTo("call_abc");
      assertThat(req.at("/messages/3/content").asText()).isEqualTo("Error: no such file");
      assertThat(req.at("/tools/0/type").asText()).isEqualTo("function");
      assertThat(req.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("path");
      assertThat(t.model.whereSeen(OPENAI_KEY))
          .containsExactly("request 0 header authorization", "request 1 header authorization");
    }
  }

  @Test
  void bothApisWithoutStreaming() throws Exception {
    List<ScriptedTurn> script =
        List.of(ScriptedTurn.tools("Reading.", READ), ScriptedTurn.tools("", READ));
    try (TestByok t = start(ANTHROPIC_KEY, script, s -> s.withStreaming(false))) {
      String anthropic = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      String compatible =
          t.addKey("openai-compatible", "local", t.model.openAiBaseUrl().toString(), ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");

      JsonNode a =
          ok(t.call(host.token(), t.run(host, anthropic, Optional.empty()), Conversations.first()));
      assertThat(a.get("stopReason").asText()).isEqualTo("tool_use");
      assertThat(a.at("/content/0/text").asText()).isEqualTo("Reading.");
      assertThat(a.at("/content/1/input/path").asText()).isEqualTo("README.md");
      assertThat(a.at("/usage/outputTokens").asLong()).isEqualTo(8);

      JsonNode o =
          ok(
              t.call(
                  host.token(),
                  t.run(host, compatible, Optional.of("local-coder")),
                  Conversations.first()));
      assertThat(o.get("stopReason").asText()).isEqualTo("tool_use");
      assertThat(o.at("/content/0/name").asText()).isEqualTo("read_file");
      assertThat(o.at("/content/0/input/path").asText()).isEqualTo("README.md");
      assertThat(o.at("/usage/inputTokens").asLong()).isEqualTo(20);
      assertThat(o.get("model").asText()).isEqualTo("local-coder");

      List<ScriptedModelServer.Received> got = t.model.received();
      assertThat(got.get(0).json().has("stream")).isFalse();
      assertThat(got.get(1).api()).isEqualTo("openai");
      // OpenAI-compatible servers get max_tokens, which they commonly know.
      assertThat(got.get(1).json().get("max_tokens").asInt()).isEqualTo(1024);
      assertThat(got.get(1).json().has("stream")).isFalse();
    }
  }

  @Test
  void aRefusedKeyStopsAtOnceWithoutRetryAndItsEchoIsScrubbed() throws Exception {
    List<ScriptedTurn> script =
        List.of(
            new ScriptedTurn.Failure(
                401, Optional.empty(), "Incorrect API key provided: {key}. Check your keys."),
            ScriptedTurn.text("never played"));
    try (TestByok t = start(OPENAI_KEY, script)) {
      String keyId = t.addKey("openai", "oa", null, OPENAI_KEY);
      TestByok.Host host = t.host("box");
      var res = t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first());
      refused(res, 502, "provider-auth-failed");
      String message = WebClient.json(res).at("/error/message").asText();
      assertThat(message).startsWith("the provider answered 401").contains("Check your keys");
      assertThat(message).doesNotContain(OPENAI_KEY).doesNotContain(OPENAI_KEY.substring(8, 24));
      assertThat(t.model.played()).isEqualTo(1);
    }
  }

  @Test
  void forbiddenIsAnAuthenticationFailureToo() throws Exception {
    try (TestByok t = start(ANTHROPIC_KEY, List.of(ScriptedTurn.status(403)))) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      refused(
          t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first()),
          502,
          "provider-auth-failed");
      assertThat(t.model.played()).isEqualTo(1);
    }
  }

  @Test
  void aRateLimitIsWaitedOutWithinTheSameRoute() throws Exception {
    List<ScriptedTurn> script =
        List.of(ScriptedTurn.rateLimited(1), ScriptedTurn.text("after the wait"));
    try (TestByok t = start(ANTHROPIC_KEY, script)) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      long started = System.nanoTime();
      JsonNode r =
          ok(t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first()));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(r.at("/content/0/text").asText()).isEqualTo("after the wait");
      assertThat(took)
          .as("retry-after: 1 is honoured")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      List<ScriptedModelServer.Received> got = t.model.received();
      assertThat(got).extracting(ScriptedModelServer.Received::status).containsExactly(429, 200);
      // Same key, same model, same endpoint on the retry (P11).
      assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
      assertThat(got.get(1).headers().get("x-api-key"))
          .isEqualTo(got.get(0).headers().get("x-api-key"));
      String metrics = t.plane.url().resolve("/metrics").toString();
      String scraped = new WebClient(t.plane.url()).get("/metrics").body();
      assertThat(scraped)
          .as(metrics)
          .contains("nome_model_provider_retries_total{provider=\"anthropic\",status=\"429\"} 1.0")
          .contains("nome_model_calls_total{outcome=\"ok\",provider=\"anthropic\"} 1.0");
    }
  }

  @Test
  void rateLimitsThatOutlastTheRetriesStopTheRun() throws Exception {
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.rateLimited(0),
            ScriptedTurn.text("never played"));
    try (TestByok t = start(ANTHROPIC_KEY, script)) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      refused(
          t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first()),
          502,
          "provider-rate-limited");
      assertThat(t.model.played()).isEqualTo(4);
    }
  }

  @Test
  void aRetryAfterLongerThanTheServerWaitsStopsAtOnce() throws Exception {
    List<ScriptedTurn> script = List.of(ScriptedTurn.rateLimited(3600), ScriptedTurn.text("no"));
    try (TestByok t = start(ANTHROPIC_KEY, script)) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      refused(
          t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first()),
          502,
          "provider-rate-limited");
      assertThat(t.model.played()).isEqualTo(1);
    }
  }

  @Test
  void serverErrorsAreRetriedThenTheRunStopsUnavailable() throws Exception {
    List<ScriptedTurn> script =
        List.of(
            ScriptedTurn.status(500),
            ScriptedTurn.status(529),
            ScriptedTurn.status(503),
            ScriptedTurn.status(500),
            ScriptedTurn.text("never played"));
    try (TestByok t = start(ANTHROPIC_KEY, script)) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      var res = t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first());
      refused(res, 502, "provider-unavailable");
      assertThat(WebClient.json(res).at("/error/message").asText())
          .startsWith("the provider answered 500");
      assertThat(t.model.played()).isEqualTo(4);
    }
  }

  @Test
  void aStreamThatGoesQuietTimesOutAndIsRetried() throws Exception {
    List<ScriptedTurn> script =
        List.of(new ScriptedTurn.Stall(Duration.ofSeconds(30)), ScriptedTurn.text("awake"));
    try (TestByok t = start(ANTHROPIC_KEY, script)) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      JsonNode r =
          ok(t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first()));
      assertThat(r.at("/content/0/text").asText()).isEqualTo("awake");
      assertThat(t.model.played()).isEqualTo(2);
    }
  }

  @Test
  void stallsUntilTheRetriesRunOutAreUnavailable() throws Exception {
    ScriptedTurn stall = new ScriptedTurn.Stall(Duration.ofSeconds(30));
    try (TestByok t =
        start(ANTHROPIC_KEY, List.of(stall, stall), s -> s.withRetries(1, Duration.ofMillis(5)))) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      var res = t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first());
      refused(res, 502, "provider-unavailable");
      assertThat(WebClient.json(res).at("/error/message").asText()).contains("timeout");
    }
  }

  @Test
  void aRemovedKeyStopsTheRunAndNothingReachesTheProvider() throws Exception {
    try (TestByok t =
        start(ANTHROPIC_KEY, List.of(ScriptedTurn.text("a"), ScriptedTurn.text("b")))) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      String run = t.run(host, keyId, Optional.empty());
      ok(t.call(host.token(), run, Conversations.first()));
      t.removeKey(keyId);
      // A new key under the same name is another key: the run does not switch to it (P11).
      t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      refused(t.call(host.token(), run, Conversations.first()), 409, "key-removed");
      refused(
          t.call(host.token(), t.run(host, "no-such-key", Optional.empty()), Conversations.first()),
          409,
          "key-missing");
      assertThat(t.model.played()).isEqualTo(1);
    }
  }

  @Test
  void onlyTheRunsOwnHostMayCallAndOnlyForItsModel() throws Exception {
    try (TestByok t = start(ANTHROPIC_KEY, List.of(ScriptedTurn.text("a")))) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      TestByok.Host other = t.host("other");
      String run = t.run(host, keyId, Optional.of("claude-haiku-4-5"));
      refused(t.call(other.token(), run, Conversations.first()), 404, "not_found");
      refused(t.call(t.userToken, run, Conversations.first()), 403, "forbidden");
      refused(
          new WebClient(t.plane.url())
              .sendJson("POST", "/api/runs/" + run + "/model", Conversations.first(), false),
          401,
          "unauthorized");
      var named = NeutralJson.MAPPER.readTree(Conversations.first());
      ((com.fasterxml.jackson.databind.node.ObjectNode) named).put("model", "claude-opus-4-6");
      refused(t.call(host.token(), run, named.toString()), 409, "model-unavailable");
      refused(
          t.call(host.token(), run, "{\"maxTokens\": 0, \"messages\": []}"), 400, "bad_request");
      assertThat(t.model.played()).isZero();
      // The run's own model, named or not, passes.
      ((com.fasterxml.jackson.databind.node.ObjectNode) named).put("model", "claude-haiku-4-5");
      assertThat(ok(t.call(host.token(), run, named.toString())).get("model").asText())
          .isEqualTo("claude-haiku-4-5");
    }
  }

  @Test
  void googleKeysGoThroughGooglesOpenAiCompatibleEndpoint() throws Exception {
    String google = "AIzaSyTestKeyForGoogle0123456789abcdef";
    try (TestByok t = start(google, List.of(ScriptedTurn.tools("Reading.", READ)))) {
      String keyId = t.addKey("google", "g", null, google);
      TestByok.Host host = t.host("box");
      JsonNode r =
          ok(t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first()));
      assertThat(r.get("stopReason").asText()).isEqualTo("tool_use");
      assertThat(r.at("/content/1/input/path").asText()).isEqualTo("README.md");
      assertThat(r.get("model").asText()).isEqualTo("gemini-2.5-flash");
      ScriptedModelServer.Received got = t.model.received().getFirst();
      assertThat(got.api()).isEqualTo("openai");
      assertThat(got.json().get("max_tokens").asInt()).isEqualTo(1024);
      assertThat(t.model.whereSeen(google)).containsExactly("request 0 header authorization");
    }
  }

  @Test
  void googlesAnswerToAKeyItDoesNotAcceptIsAnAuthenticationFailure() throws Exception {
    JsonNode error =
        NeutralJson.MAPPER
            .readTree(
                "[{\"error\": {\"code\": 400, \"message\": \"API key not valid.\","
                    + " \"status\": \"INVALID_ARGUMENT\", \"details\": [{\"@type\":"
                    + " \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\":"
                    + " \"API_KEY_INVALID\"}]}}]")
            .path(0)
            .path("error");
    assertThat(ProviderClient.kindOf(400, error)).isEqualTo(ProviderFailure.Kind.AUTH);
    assertThat(ProviderClient.kindOf(400, NeutralJson.MAPPER.missingNode()))
        .isEqualTo(ProviderFailure.Kind.REFUSED);
    assertThat(ProviderClient.kindOf(529, NeutralJson.MAPPER.missingNode()))
        .isEqualTo(ProviderFailure.Kind.UNAVAILABLE);
  }

  @Test
  void aProviderThatEchoesTheKeyDoesNotHandItToTheHost() throws Exception {
    ToolCall leaky =
        new ToolCall("toolu_9", "shell", "{\"command\":\"echo " + ANTHROPIC_KEY + "\"}");
    try (TestByok t =
        start(ANTHROPIC_KEY, List.of(ScriptedTurn.tools("your key is " + ANTHROPIC_KEY, leaky)))) {
      String keyId = t.addKey("anthropic", "a", null, ANTHROPIC_KEY);
      TestByok.Host host = t.host("box");
      var res = t.call(host.token(), t.run(host, keyId, Optional.empty()), Conversations.first());
      JsonNode r = ok(res);
      assertThat(res.body()).doesNotContain(ANTHROPIC_KEY);
      assertThat(r.at("/content/0/text").asText()).isEqualTo("your key is " + KeyScrub.MARK);
      assertThat(r.at("/content/1/input/command").asText()).isEqualTo("echo " + KeyScrub.MARK);
    }
  }
}
