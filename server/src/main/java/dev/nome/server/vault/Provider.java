package dev.nome.server.vault;

import java.util.Locale;
import java.util.Optional;

/** The model providers a BYOK key can be for. */
public enum Provider {
  ANTHROPIC("anthropic", "Anthropic", false),
  OPENAI("openai", "OpenAI", false),
  GOOGLE("google", "Google", false),
  OPENAI_COMPATIBLE("openai-compatible", "OpenAI-compatible", true);

  private final String id;
  private final String label;
  private final boolean needsBaseUrl;

  Provider(String id, String label, boolean needsBaseUrl) {
    this.id = id;
    this.label = label;
    this.needsBaseUrl = needsBaseUrl;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** True for endpoints that are not a provider's own and need their base URL. */
  public boolean needsBaseUrl() {
    return needsBaseUrl;
  }

  public static Optional<Provider> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String want = id.strip().toLowerCase(Locale.ROOT);
    for (Provider p : values()) {
      if (p.id.equals(want)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
