package dev.nome.server.model;

import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.server.http.ApiError;
import dev.nome.server.http.Caller;
import dev.nome.server.vault.KeyVault;
import dev.nome.server.vault.Provider;
import dev.nome.server.vault.ProviderKey;
import dev.nome.server.vault.VaultException;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model proxy's rules: which run, which key, which model, which endpoint; then one provider
 * call (with its bounded retries) and the answer in the neutral shape, whose token usage is added
 * to the run's totals ({@link ModelUsageSink}) before it is returned. Every refusal is an {@link
 * ApiError} whose code is a run stop reason. The clear key lives in a local variable of {@link
 * #answer} and in the outgoing request header only.
 */
public final class ModelProxy {

  private static final Logger log = LoggerFactory.getLogger(ModelProxy.class);

  private final KeyVault vault;
  private final ByokRunLookup runs;
  private final ModelUsageSink usage;
  private final ModelProxySettings settings;
  private final Function<String, ScrubbedText> scrubber;
  private final MeterRegistry metrics;
  private final ProviderClient client;

  public ModelProxy(
      KeyVault vault,
      ByokRunLookup runs,
      ModelUsageSink usage,
      ModelProxySettings settings,
      Function<String, ScrubbedText> scrubber,
      MeterRegistry metrics) {
    this.vault = vault;
    this.runs = runs;
    this.usage = usage;
    this.settings = settings;
    this.scrubber = scrubber;
    this.metrics = metrics;
    this.client = new ProviderClient(settings);
  }

  public ModelProxySettings settings() {
    return settings;
  }

  /** Answers one model turn for {@code runId} on behalf of {@code host}. */
  public ModelAnswer answer(Caller.Host host, String runId, ModelCall call)
      throws InterruptedException {
    ByokRunTarget target =
        runs.find(runId, host.hostId())
            .orElseThrow(
                () ->
                    new ApiError(
                        HttpStatus.NOT_FOUND,
                        "not_found",
                        "this host has no running BYOK run with that id"));
    if (!target.accountId().equals(host.accountId())) {
      throw new ApiError(
          HttpStatus.FORBIDDEN, "forbidden", "the run's key belongs to another account");
    }
    String label = "run " + (runId.matches("[A-Za-z0-9._:-]{1,100}") ? runId : "(id not shown)");
    ProviderKey key = key(target);
    String model = model(key.provider(), target, call);
    ProviderWire wire;
    URI base;
    switch (key.provider()) {
      case ANTHROPIC -> {
        wire = new AnthropicWire();
        base = settings.baseUrl(Provider.ANTHROPIC);
      }
      case OPENAI -> {
        wire = new OpenAiWire(true);
        base = settings.baseUrl(Provider.OPENAI);
      }
      case OPENAI_COMPATIBLE -> {
        wire = new OpenAiWire(false);
        base =
            URI.create(
                key.baseUrl()
                    .orElseThrow(() -> refusal(StopReason.KEY_MISSING, "the key has no base URL")));
      }
      case GOOGLE -> {
        // Gemini API keys through Google's OpenAI-compatible endpoint.
        wire = new OpenAiWire(false);
        base = settings.baseUrl(Provider.GOOGLE);
      }
      default -> throw refusal(StopReason.MODEL_UNAVAILABLE, "unsupported provider");
    }
    String secret = reveal(target);
    KeyRedactor redactor = new KeyRedactor(secret, scrubber);
    String provider = key.provider().id();
    Timer.Sample sample = Timer.start(metrics);
    try {
      ModelAnswer answer =
          client.call(
              wire,
              base,
              secret,
              call,
              model,
              settings.stream(),
              redactor,
              label + " (" + provider + ")",
              status ->
                  Counter.builder("nome_model_provider_retries")
                      .description("provider calls retried after a 429, 5xx or timeout")
                      .tag("provider", provider)
                      .tag("status", statusClass(status))
                      .register(metrics)
                      .increment());
      // Counted before the answer leaves: if the count cannot be stored the call fails, so no
      // answer reaches the runner with tokens nobody counted.
      usage.add(runId, answer.inputTokens(), answer.outputTokens());
      outcome(provider, "ok");
      Counter.builder("nome_model_tokens")
          .tag("provider", provider)
          .tag("direction", "input")
          .register(metrics)
          .increment(answer.inputTokens());
      Counter.builder("nome_model_tokens")
          .tag("provider", provider)
          .tag("direction", "output")
          .register(metrics)
          .increment(answer.outputTokens());
      return KeyScrub.answer(answer, secret);
    } catch (ProviderFailure f) {
      StopReason reason =
          switch (f.kind()) {
            case AUTH -> StopReason.PROVIDER_AUTH_FAILED;
            case RATE_LIMITED -> StopReason.PROVIDER_RATE_LIMITED;
            case MODEL -> StopReason.MODEL_UNAVAILABLE;
            case UNAVAILABLE, REFUSED -> StopReason.PROVIDER_UNAVAILABLE;
          };
      outcome(provider, reason.code());
      log.info("model proxy: {} ({}) stopped: {}", label, provider, reason.code());
      HttpStatus status =
          reason == StopReason.MODEL_UNAVAILABLE ? HttpStatus.CONFLICT : HttpStatus.BAD_GATEWAY;
      throw new ApiError(status, reason.code(), f.getMessage());
    } finally {
      sample.stop(
          Timer.builder("nome_model_call")
              .description("model proxy calls, retries and waits included")
              .tag("provider", provider)
              .register(metrics));
    }
  }

  private void outcome(String provider, String outcome) {
    Counter.builder("nome_model_calls")
        .description("model proxy calls by outcome (ok or a stop reason)")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(metrics)
        .increment();
  }

  private static String statusClass(int status) {
    if (status == 0) {
      return "none";
    }
    return status == 429 || status == 529 ? String.valueOf(status) : (status / 100) + "xx";
  }

  private ProviderKey key(ByokRunTarget target) {
    Optional<ProviderKey> key = vault.get(target.accountId(), target.keyId());
    if (key.isPresent()) {
      return key.get();
    }
    throw missingOrRemoved(target);
  }

  private String reveal(ByokRunTarget target) {
    try {
      return vault.reveal(target.accountId(), target.keyId());
    } catch (VaultException e) {
      if (vault.get(target.accountId(), target.keyId()).isEmpty()) {
        throw missingOrRemoved(target);
      }
      throw refusal(StopReason.KEY_MISSING, "the run's key cannot be decrypted");
    }
  }

  private ApiError missingOrRemoved(ByokRunTarget target) {
    boolean removed =
        vault.history(target.accountId(), target.keyId()).stream()
            .anyMatch(e -> e.event().equals("removed"));
    return removed
        ? refusal(StopReason.KEY_REMOVED, "the run's key was removed from the vault")
        : refusal(StopReason.KEY_MISSING, "the run's key is not in the vault");
  }

  /**
   * The route's model, else the one the runner names, else the provider's default. A runner that
   * names a different model than the route is refused: the proxy never switches model (P11).
   */
  private static String model(Provider provider, ByokRunTarget target, ModelCall call) {
    if (target.model().isPresent()) {
      if (call.model().isPresent() && !call.model().get().equals(target.model().get())) {
        throw refusal(
            StopReason.MODEL_UNAVAILABLE,
            "this run's route uses model " + target.model().get() + "; it does not switch");
      }
      return target.model().get();
    }
    return call.model()
        .or(() -> DefaultModels.of(provider))
        .orElseThrow(
            () ->
                refusal(
                    StopReason.MODEL_UNAVAILABLE,
                    "a "
                        + provider.label()
                        + " key has no default model: name one in the route"
                        + " (byok:KEY-NAME/MODEL)"));
  }

  private static ApiError refusal(StopReason reason, String message) {
    return new ApiError(HttpStatus.CONFLICT, reason.code(), message);
  }
}
