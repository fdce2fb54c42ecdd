package dev.nome.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scripted model server on its own, spoken to as a provider's client would. */
class ScriptedModelServerTest {

  static final String KEY = "scripted-test-key-0123456789";
  static final HttpClient http = HttpClient.newHttpClient();

  static HttpResponse<String> anthropic(ScriptedModelServer s, String key, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(s.anthropicBaseUrl() + "/v1/messages"))
            .header("x-api-key", key)
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> openAi(ScriptedModelServer s, String key, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(s.openAiBaseUrl() + "/chat/completions"))
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static final String ANTHROPIC_BODY =
      "{\"model\":\"m\",\"max_tokens\":100,\"stream\":%s,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String OPENAI_BODY =
      "{\"model\":\"m\",\"stream\":%s,%s\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  static List<String[]> events(String sse) {
    List<String[]> out = new ArrayList<>();
    for (String frame : sse.split("\n\n")) {
      String event = "";
      String data = "";
      for (String line : frame.split("\n")) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (!data.isEmpty()) {
        out.add(new String[] {event, data});
      }
    }
    return out;
  }

  @Test
  void aWrongKeyIsRefusedWithoutUsingATurn() throws Exception {
    try (var s = ScriptedModelServer.start(KEY, List.of(ScriptedTurn.text("hello")))) {
      var res = anthropic(s, "wrong-key-000000", ANTHROPIC_BODY.formatted(false));
      assertThat(res.statusCode()).isEqualTo(401);
      assertThat(NeutralJson.MAPPER.readTree(res.body()).at("/error/type").asText())
          .isEqualTo("authentication_error");
      assertThat(openAi(s, "", OPENAI_BODY.formatted(false, "")).statusCode()).isEqualTo(401);
      assertThat(s.played()).isZero();
      var ok = anthropic(s, KEY, ANTHROPIC_BODY.formatted(false));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(s.received())
          .extracting(ScriptedModelServer.Received::status)
          .containsExactly(401, 401, 200);
      assertThat(s.whereSeen(KEY)).containsExactly("request 2 header x-api-key");
      // Past the end of the script: a 400 a client does not retry.
      assertThat(anthropic(s, KEY, ANTHROPIC_BODY.formatted(false)).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void anthropicStreamsEventsInTheDocumentedOrder() throws Exception {
    var call = new ScriptedTurn.ToolCall("toolu_1", "shell", "{\"command\":\"ls -la /tmp\"}");
    try (var s =
        ScriptedModelServer.start(KEY, List.of(ScriptedTurn.tools("A longer text.", call)))) {
      var res = anthropic(s, KEY, ANTHROPIC_BODY.formatted(true));
      assertThat(res.headers().firstValue("content-type")).contains("text/event-stream");
      List<String[]> ev = events(res.body());
      assertThat(ev.stream().map(e -> e[0]).distinct())
          .containsExactly(
              "message_start",
              "ping",
              "content_block_start",
              "content_block_delta",
              "content_block_stop",
              "message_delta",
              "message_stop");
      StringBuilder json = new StringBuilder();
      StringBuilder text = new StringBuilder();
      for (String[] e : ev) {
        JsonNode d = NeutralJson.MAPPER.readTree(e[1]);
        assertThat(d.get("type").asText()).isEqualTo(e[0]);
        if (e[0].equals("content_block_delta")) {
          json.append(d.at("/delta/partial_json").asText(""));
          text.append(d.at("/delta/text").asText(""));
        }
        if (e[0].equals("message_delta")) {
          assertThat(d.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
          assertThat(d.at("/usage/output_tokens").asInt()).isEqualTo(8);
        }
      }
      assertThat(text.toString()).isEqualTo("A longer text.");
      assertThat(NeutralJson.MAPPER.readTree(json.toString()).get("command").asText())
          .isEqualTo("ls -la /tmp");
    }
  }

  @Test
  void openAiAnswersWholeOrInChunksWithUsageWhenAsked() throws Exception {
    var call = new ScriptedTurn.ToolCall("call_9", "list_dir", "{\"path\":\".\"}");
    List<ScriptedTurn> script =
        List.of(ScriptedTurn.tools("", call), ScriptedTurn.text("x"), ScriptedTurn.text("y"));
    try (var s = ScriptedModelServer.start(KEY, script)) {
      JsonNode whole =
          NeutralJson.MAPPER.readTree(openAi(s, KEY, OPENAI_BODY.formatted(false, "")).body());
      assertThat(whole.get("object").asText()).isEqualTo("chat.completion");
      assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
      assertThat(whole.at("/choices/0/message/tool_calls/0/function/arguments").asText())
          .isEqualTo("{\"path\":\".\"}");
      assertThat(whole.at("/usage/total_tokens").asInt()).isEqualTo(28);

      String plain = openAi(s, KEY, OPENAI_BODY.formatted(true, "")).body();
      assertThat(plain).endsWith("data: [DONE]\n\n").doesNotContain("prompt_tokens");
      String withUsage =
          openAi(
                  s,
                  KEY,
                  OPENAI_BODY.formatted(true, "\"stream_options\":{\"include_usage\":true},"))
              .body();
      List<String[]> ev = events(withUsage);
      JsonNode usage = NeutralJson.MAPPER.readTree(ev.get(ev.size() - 2)[1]);
      assertThat(usage.get("choices")).isEmpty();
      assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(10);
      assertThat(NeutralJson.MAPPER.readTree(ev.get(1)[1]).at("/choices/0/delta/content").asText())
          .isEqualTo("y");
    }
  }

  @Test
  void scriptsReadFromJson() {
    List<ScriptedTurn> turns =
        ScriptedTurn.fromResource("dev/nome/server/model/example-script.json");
    assertThat(turns).hasSize(4);
    var first = (ScriptedTurn.Reply) turns.get(0);
    assertThat(first.toolCalls().getFirst().inputJson()).isEqualTo("{\"path\":\"README.md\"}");
    assertThat(first.inputTokens()).isEqualTo(40);
    assertThat(turns.get(1)).isEqualTo(new ScriptedTurn.Failure(429, Optional.of(0), "slow down"));
    assertThat(turns.get(2)).isInstanceOf(ScriptedTurn.Stall.class);
    assertThat(((ScriptedTurn.Reply) turns.get(3)).effectiveStopReason()).isEqualTo("end_turn");
    assertThatThrownBy(() -> ScriptedTurn.parse("{\"turns\":[{\"txt\":\"typo\"}]}"))
        .hasMessageContaining("turns[0]")
        .hasMessageContaining("txt");
    assertThatThrownBy(() -> ScriptedTurn.parse("{\"turns\":[{\"status\":200}]}"))
        .hasMessageContaining("4xx or 5xx");
  }
}
