package dev.nome.server.model;

import static dev.nome.server.model.ScriptedModelServerTest.KEY;
import static dev.nome.server.model.ScriptedModelServerTest.events;
import static dev.nome.server.model.ScriptedModelServerTest.http;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scripted server's OpenAI Responses API (Codex CLI's wire) and Gemini API (Gemini CLI's), as
 * those clients read them: the tool call with its id and JSON arguments, the text, the usage, and
 * the key checked where each API carries it.
 */
class ScriptedWiresTest {

  static final ScriptedTurn CALL =
      ScriptedTurn.tools(
          "Looking.", new ScriptedTurn.ToolCall("call_1", "exec_command", "{\"cmd\":\"ls\"}"));

  static HttpResponse<String> post(URI url, String header, String value, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(url)
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theResponsesApiStreamsItemsAndCompletesWithTheUsage() throws Exception {
    try (var s = ScriptedModelServer.start(KEY, List.of(CALL, ScriptedTurn.text("done")))) {
      URI url = URI.create(s.openAiBaseUrl() + "/responses");
      String body = "{\"model\":\"m\",\"stream\":true,\"input\":[]}";
      assertThat(post(url, "Authorization", "Bearer wrong-key-000", body).statusCode())
          .isEqualTo(401);
      var res = post(url, "Authorization", "Bearer " + KEY, body);
      assertThat(res.statusCode()).isEqualTo(200);
      List<String[]> ev = events(res.body());
      assertThat(ev.getFirst()[0]).isEqualTo("response.created");
      assertThat(ev.getLast()[0]).isEqualTo("response.completed");
      StringBuilder text = new StringBuilder();
      JsonNode call = null;
      for (String[] e : ev) {
        JsonNode j = NeutralJson.MAPPER.readTree(e[1]);
        assertThat(j.path("type").asText()).isEqualTo(e[0]);
        if (e[0].equals("response.output_text.delta")) {
          text.append(j.path("delta").asText());
        }
        if (e[0].equals("response.output_item.done")
            && j.at("/item/type").asText().equals("function_call")) {
          call = j.path("item");
        }
      }
      assertThat(text.toString()).isEqualTo("Looking.");
      assertThat(call).isNotNull();
      assertThat(call.path("call_id").asText()).isEqualTo("call_1");
      assertThat(call.path("name").asText()).isEqualTo("exec_command");
      assertThat(NeutralJson.MAPPER.readTree(call.path("arguments").asText()).path("cmd").asText())
          .isEqualTo("ls");
      JsonNode done = NeutralJson.MAPPER.readTree(ev.getLast()[1]);
      assertThat(done.at("/response/usage/input_tokens").asLong()).isPositive();
      assertThat(s.received())
          .extracting(ScriptedModelServer.Received::api)
          .contains("openai-responses");
    }
  }

  @Test
  void theGeminiApiTakesItsKeyInItsHeaderAndStreamsCandidates() throws Exception {
    try (var s = ScriptedModelServer.start(KEY, List.of(CALL, ScriptedTurn.text("done")))) {
      URI stream =
          URI.create(
              s.anthropicBaseUrl() + "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
      String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
      var refused = post(stream, "x-goog-api-key", "wrong-key-000", body);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("API key not valid");
      assertThat(s.played()).isZero();
      var res = post(stream, "x-goog-api-key", KEY, body);
      assertThat(res.statusCode()).isEqualTo(200);
      StringBuilder text = new StringBuilder();
      JsonNode last = null;
      for (String[] e : events(res.body())) {
        last = NeutralJson.MAPPER.readTree(e[1]);
        for (JsonNode part : last.at("/candidates/0/content/parts")) {
          text.append(part.path("text").asText(""));
        }
      }
      assertThat(text.toString()).isEqualTo("Looking.");
      assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
      assertThat(last.at("/candidates/0/content/parts/0/functionCall/name").asText())
          .isEqualTo("exec_command");
      assertThat(last.at("/candidates/0/content/parts/0/functionCall/args/cmd").asText())
          .isEqualTo("ls");
      assertThat(last.at("/usageMetadata/promptTokenCount").asLong()).isPositive();
      URI whole =
          URI.create(s.anthropicBaseUrl() + "/v1beta/models/gemini-2.5-pro:generateContent");
      JsonNode one = NeutralJson.MAPPER.readTree(post(whole, "x-goog-api-key", KEY, body).body());
      assertThat(one.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("done");
      assertThat(s.played()).isEqualTo(2);
    }
  }
}
