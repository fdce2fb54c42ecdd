package dev.nome.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.model.ByokRunLookup;
import dev.nome.server.model.ByokRunTarget;
import dev.nome.server.model.ModelProxySettings;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.vault.Provider;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A real control plane whose model proxy points at a {@link ScriptedModelServer}, with the owner
 * signed in, and BYOK runs held in a map standing in for the runs store (the {@link ByokRunLookup}
 * the proxy asks).
 */
public final class TestByok implements AutoCloseable {

  public static final String PASSWORD = "owner password 1";

  /** A paired host: its device token and id. */
  public record Host(String token, String id) {}

  private record Run(String hostId, ByokRunTarget target) {}

  public final ScriptedModelServer model;
  public final ControlPlane plane;
  public final String userToken;
  public final String accountId;
  private final Map<String, Run> runs;

  private TestByok(
      ScriptedModelServer model,
      ControlPlane plane,
      String userToken,
      String accountId,
      Map<String, Run> runs) {
    this.model = model;
    this.plane = plane;
    this.userToken = userToken;
    this.accountId = accountId;
    this.runs = runs;
  }

  /** Fast retries (5 ms first backoff) and a 400 ms idle timeout, so failure tests are quick. */
  public static ModelProxySettings fast(ScriptedModelServer model) {
    return ModelProxySettings.defaults()
        .withBaseUrls(
            Map.of(
                Provider.ANTHROPIC, model.anthropicBaseUrl(),
                Provider.OPENAI, model.openAiBaseUrl(),
                Provider.GOOGLE, model.openAiBaseUrl()))
        .withRetries(3, Duration.ofMillis(5))
        .withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(20));
  }

  public static TestByok start(
      Path dataDir,
      Optional<String> database,
      String providerKey,
      List<ScriptedTurn> script,
      UnaryOperator<ModelProxySettings> tune)
      throws Exception {
    ScriptedModelServer model = ScriptedModelServer.start(providerKey, script);
    Map<String, Run> runs = new ConcurrentHashMap<>();
    ByokRunLookup lookup =
        (runId, hostId) ->
            Optional.ofNullable(runs.get(runId))
                .filter(r -> r.hostId().equals(hostId))
                .map(Run::target);
    ControlPlane plane = null;
    try {
      plane =
          ControlPlane.start(
              new ServerConfig("127.0.0.1", 0, dataDir, database, 1)
                  .withModelProxy(tune.apply(fast(model))),
              "t",
              lookup);
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      String account = plane.services().accounts().byUsername("owner").orElseThrow().id();
      return new TestByok(model, plane, user, account, runs);
    } catch (Exception | AssertionError e) {
      if (plane != null) {
        plane.close();
      }
      model.close();
      throw e;
    }
  }

  /** Adds a key through {@code POST /api/keys} as the owner; returns its id. */
  public String addKey(String provider, String name, String baseUrl, String secret)
      throws Exception {
    ObjectNode b = WebClient.JSON.createObjectNode();
    b.put("provider", provider).put("name", name).put("key", secret);
    if (baseUrl != null) {
      b.put("base_url", baseUrl);
    }
    var res = WebClient.bearer(plane.url(), userToken, "POST", "/api/keys", b.toString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    assertThat(res.body()).doesNotContain(secret);
    return WebClient.json(res).get("id").asText();
  }

  public void removeKey(String keyId) throws Exception {
    var res = WebClient.bearer(plane.url(), userToken, "DELETE", "/api/keys/" + keyId, null);
    assertThat(res.statusCode()).isEqualTo(204);
  }

  public Host host(String name) {
    var issued = plane.pairLocalHost(TestHosts.info(name));
    return new Host(issued.deviceToken(), issued.host().id());
  }

  /** A running BYOK run of {@code host} on key {@code keyId}; returns its id. */
  public String run(Host host, String keyId, Optional<String> model) {
    String id = "run-" + UUID.randomUUID();
    runs.put(id, new Run(host.id(), new ByokRunTarget(accountId, keyId, model)));
    return id;
  }

  public HttpResponse<String> call(String token, String runId, String json) throws Exception {
    return WebClient.bearer(plane.url(), token, "POST", "/api/runs/" + runId + "/model", json);
  }

  @Override
  public void close() throws Exception {
    try {
      plane.close();
    } finally {
      model.close();
    }
  }
}
