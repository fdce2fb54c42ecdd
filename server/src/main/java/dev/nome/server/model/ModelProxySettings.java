package dev.nome.server.model;

import dev.nome.server.vault.Provider;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the model proxy reaches each provider and how patiently.
 *
 * <p>Base URLs follow each provider's own SDK convention: Anthropic's is the host ({@code
 * https://api.anthropic.com}, the proxy adds {@code /v1/messages}); OpenAI's includes the version
 * ({@code https://api.openai.com/v1}, the proxy adds {@code /chat/completions}), as does the base
 * URL of an OpenAI-compatible key. Tests and {@code nome demo} point them at a {@link
 * ScriptedModelServer} with {@code --provider-base-url anthropic=URL} or the environment variable
 * {@value #BASE_URLS_ENV} ({@code anthropic=URL,openai=URL,google=URL}).
 *
 * @param baseUrls per provider; providers not named use {@link #DEFAULT_BASE_URLS}
 * @param maxRetries retries after a 429, 5xx, 529 or timeout (so at most {@code maxRetries + 1}
 *     calls); 401/403 and other refusals are never retried
 * @param baseDelay the first backoff; each retry doubles it
 * @param maxWait the longest single wait, also for a provider's {@code retry-after}: a provider
 *     that asks for longer is not waited for, and the run stops rate-limited
 * @param idleTimeout how long the provider may send nothing before the call counts as timed out
 * @param totalTimeout the longest one provider call may take, streaming included
 * @param stream ask providers to stream (the default: long answers then never hit an idle timeout
 *     on the way); false asks for one JSON answer, for servers that stream poorly
 */
public record ModelProxySettings(
    Map<Provider, URI> baseUrls,
    int maxRetries,
    Duration baseDelay,
    Duration maxWait,
    Duration idleTimeout,
    Duration totalTimeout,
    boolean stream) {

  public static final String BASE_URLS_ENV = "NOME_PROVIDER_BASE_URLS";

  public static final Map<Provider, URI> DEFAULT_BASE_URLS =
      Map.of(
          Provider.ANTHROPIC, URI.create("https://api.anthropic.com"),
          Provider.OPENAI, URI.create("https://api.openai.com/v1"),
          // Google's OpenAI-compatible endpoint for Gemini API keys.
          Provider.GOOGLE, URI.create("https://generativelanguage.googleapis.com/v1beta/openai"));

  public ModelProxySettings {
    baseUrls = Map.copyOf(baseUrls);
    if (baseUrls.containsKey(Provider.OPENAI_COMPATIBLE)) {
      throw new IllegalArgumentException(
          "an OpenAI-compatible key carries its own base URL; it cannot be overridden");
    }
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries must be 0 to 10");
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(totalTimeout, "totalTimeout");
  }

  /** Real provider endpoints, 3 retries from 1 s, waits up to 60 s, 2 minutes idle, 10 total. */
  public static ModelProxySettings defaults() {
    return new ModelProxySettings(
        Map.of(),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(2),
        Duration.ofMinutes(10),
        true);
  }

  /** The defaults with the base URLs of {@value #BASE_URLS_ENV} when it is set. */
  public static ModelProxySettings fromEnvironment(Map<String, String> env) {
    String value = env.get(BASE_URLS_ENV);
    ModelProxySettings s = defaults();
    return value == null || value.isBlank() ? s : s.withBaseUrls(parseBaseUrls(value));
  }

  /** The base URL the proxy uses for a provider's own endpoint. */
  public URI baseUrl(Provider provider) {
    URI u = baseUrls.get(provider);
    return u != null ? u : DEFAULT_BASE_URLS.get(provider);
  }

  public ModelProxySettings withBaseUrls(Map<Provider, URI> more) {
    Map<Provider, URI> all = new EnumMap<>(Provider.class);
    all.putAll(baseUrls);
    all.putAll(more);
    return new ModelProxySettings(
        all, maxRetries, baseDelay, maxWait, idleTimeout, totalTimeout, stream);
  }

  public ModelProxySettings withRetries(int retries, Duration firstDelay) {
    return new ModelProxySettings(
        baseUrls, retries, firstDelay, maxWait, idleTimeout, totalTimeout, stream);
  }

  public ModelProxySettings withTimeouts(Duration idle, Duration total) {
    return new ModelProxySettings(baseUrls, maxRetries, baseDelay, maxWait, idle, total, stream);
  }

  public ModelProxySettings withStreaming(boolean on) {
    return new ModelProxySettings(
        baseUrls, maxRetries, baseDelay, maxWait, idleTimeout, totalTimeout, on);
  }

  /**
   * Parses {@code anthropic=URL,openai=URL} (also one pair, as given to {@code
   * --provider-base-url}). Only http and https URLs without credentials are accepted.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Map<Provider, URI> parseBaseUrls(String text) {
    Map<Provider, URI> out = new EnumMap<>(Provider.class);
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(
            "a provider base URL is written PROVIDER=URL, e.g. anthropic=http://127.0.0.1:8080");
      }
      Provider provider =
          Provider.parse(p.substring(0, eq))
              .filter(x -> x != Provider.OPENAI_COMPATIBLE)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "base URLs can be set for anthropic, openai and google only (an"
                              + " openai-compatible key carries its own)"));
      URI uri;
      try {
        uri = new URI(p.substring(eq + 1).strip());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("not a URL for " + provider.id());
      }
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getUserInfo() != null) {
        throw new IllegalArgumentException(
            "the base URL for " + provider.id() + " must be http(s)://host[:port][/path]");
      }
      out.put(provider, uri);
    }
    return out;
  }
}
