package dev.nome.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.server.vault.Provider;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelProxySettingsTest {

  @Test
  void realEndpointsByDefaultAndOverridesFromTheEnvironment() {
    ModelProxySettings d = ModelProxySettings.defaults();
    assertThat(d.baseUrl(Provider.ANTHROPIC)).isEqualTo(URI.create("https://api.anthropic.com"));
    assertThat(d.baseUrl(Provider.OPENAI)).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(new OpenAiWire(false).endpoint(d.baseUrl(Provider.GOOGLE)))
        .isEqualTo(
            URI.create("https://generativelanguage.googleapis.com/v1beta/openai/chat/completions"));
    ModelProxySettings e =
        ModelProxySettings.fromEnvironment(
            Map.of(
                ModelProxySettings.BASE_URLS_ENV,
                " anthropic=http://127.0.0.1:9000 , openai=http://127.0.0.1:9000/v1"));
    assertThat(e.baseUrl(Provider.ANTHROPIC)).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(e.baseUrl(Provider.OPENAI)).isEqualTo(URI.create("http://127.0.0.1:9000/v1"));
    assertThat(new AnthropicWire().endpoint(e.baseUrl(Provider.ANTHROPIC)))
        .isEqualTo(URI.create("http://127.0.0.1:9000/v1/messages"));
    assertThat(new OpenAiWire(true).endpoint(e.baseUrl(Provider.OPENAI)))
        .isEqualTo(URI.create("http://127.0.0.1:9000/v1/chat/completions"));
  }

  @Test
  void badOverridesAreRefused() {
    assertThatThrownBy(() -> ModelProxySettings.parseBaseUrls("anthropic"))
        .hasMessageContaining("PROVIDER=URL");
    assertThatThrownBy(() -> ModelProxySettings.parseBaseUrls("openai-compatible=http://x"))
        .hasMessageContaining("anthropic, openai and google only");
    assertThatThrownBy(() -> ModelProxySettings.parseBaseUrls("openai=http://u:p@host/v1"))
        .hasMessageContaining("http(s)://");
    assertThatThrownBy(() -> ModelProxySettings.parseBaseUrls("openai=file:///etc/passwd"))
        .hasMessageContaining("http(s)://");
  }

  @Test
  void defaultModelsComeFromTheResourceFile() {
    assertThat(DefaultModels.of(Provider.ANTHROPIC)).contains("claude-sonnet-4-6");
    assertThat(DefaultModels.of(Provider.OPENAI)).contains("gpt-5");
    assertThat(DefaultModels.of(Provider.GOOGLE)).contains("gemini-2.5-flash");
    assertThat(DefaultModels.of(Provider.OPENAI_COMPATIBLE)).isEmpty();
  }
}
