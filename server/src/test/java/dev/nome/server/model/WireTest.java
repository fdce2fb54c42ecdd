package dev.nome.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Provider streams the scripted server does not produce: cut-off calls, errors, extra blocks. */
class WireTest {

  static ModelAnswer anthropic(String sse) throws Exception {
    return new AnthropicWire()
        .readStream(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), () -> {}, "m");
  }

  static ModelAnswer openAi(String sse) throws Exception {
    return new OpenAiWire(true)
        .readStream(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), () -> {}, "m");
  }

  static final String START =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"c\","
          + "\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":7,\"output_tokens\":1}}}\n\n";

  @Test
  void aToolCallCutOffByMaxTokensIsDroppedAndTheStopReasonSaysWhy() throws Exception {
    String sse =
        START
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"Writing \"}}\n\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":1,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"it.\"}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,"
            + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"write_file\","
            + "\"input\":{}}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,"
            + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"path\\\": \\\"a\"}}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\","
            + "\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":64}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    ModelAnswer a = anthropic(sse);
    assertThat(a.stopReason()).isEqualTo("max_tokens");
    assertThat(a.content()).containsExactly(new Block.Text("Writing it."));
    assertThat(a.inputTokens()).isEqualTo(12);
    assertThat(a.outputTokens()).isEqualTo(64);
    assertThat(a.model()).isEqualTo("c");
    // The same call cut off without max_tokens is a broken answer.
    assertThatThrownBy(() -> anthropic(sse.replace("max_tokens", "tool_use")))
        .isInstanceOf(ProviderFailure.class);
  }

  @Test
  void errorsInTheStreamAndStreamsThatEndEarlyAreFailures() {
    assertThatThrownBy(
            () ->
                anthropic(
                    START
                        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                        + "\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE);
              assertThat(f.kind().retryable()).isTrue();
              assertThat(f.getMessage()).contains("overloaded_error").doesNotContain("Overloaded");
            });
    assertThatThrownBy(
            () ->
                anthropic(
                    START
                        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                        + "\"rate_limit_error\",\"message\":\"x\"}}\n\n"))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.RATE_LIMITED));
    assertThatThrownBy(() -> anthropic(START)).isInstanceOf(ProviderFailure.class);
    assertThatThrownBy(() -> openAi("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"))
        .isInstanceOf(ProviderFailure.class);
  }

  @Test
  void openAiCallsCutOffByTheLengthLimitAreDropped() throws Exception {
    String sse =
        "data: {\"model\":\"g\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
            + "\"id\":\"c1\",\"function\":{\"name\":\"shell\",\"arguments\":\"{\\\"comm\"}}]}}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
            + "data: [DONE]\n\n";
    ModelAnswer a = openAi(sse);
    assertThat(a.stopReason()).isEqualTo("max_tokens");
    assertThat(a.content()).containsExactly(new Block.Text("Hi"));
    assertThat(a.model()).isEqualTo("g");
    assertThatThrownBy(() -> openAi(sse.replace("length", "tool_calls")))
        .isInstanceOf(ProviderFailure.class);
  }
}
