package dev.nome.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code nome demo} does as the owner, with the owner token the local control plane keeps in
 * its data directory: installs the demo key in the vault and reads the run's artifacts back.
 */
final class DemoOwner {

  /** The vault name of the demo's key; a key of this name is replaced at each demo. */
  static final String KEY_NAME = "nome-demo";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final UserSession owner;

  DemoOwner(URI server, String ownerToken) {
    this.owner = new UserSession(server, ownerToken);
  }

  /**
   * Adds the {@code openai-compatible} key {@link #KEY_NAME} with {@code baseUrl} (the demo's model
   * server), removing an earlier one of that name first, so there is never more than one.
   */
  void installKey(URI baseUrl, String secret) throws IOException, InterruptedException {
    UserSession.Answer keys = owner.send(owner.request("/api/keys").GET());
    if (keys.status() != 200) {
      throw new IOException("cannot list the vault's keys: " + keys.errorMessage());
    }
    for (JsonNode k : keys.body().path("keys")) {
      if (k.path("name").asText().equals(KEY_NAME)) {
        String id = URLEncoder.encode(k.path("id").asText(), StandardCharsets.UTF_8);
        UserSession.Answer removed = owner.send(owner.request("/api/keys/" + id).DELETE());
        if (removed.status() != 204) {
          throw new IOException("cannot remove the earlier demo key: " + removed.errorMessage());
        }
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("provider", "openai-compatible")
        .put("name", KEY_NAME)
        .put("base_url", baseUrl.toString())
        .put("key", secret);
    UserSession.Answer added =
        owner.send(
            owner
                .request("/api/keys")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    if (added.status() != 201) {
      throw new IOException("cannot add the demo key to the vault: " + added.errorMessage());
    }
  }

  /** The run's artifacts as the control plane serves them: name and content. */
  List<Artifact> artifacts(String runId) throws IOException, InterruptedException {
    String run = URLEncoder.encode(runId, StandardCharsets.UTF_8);
    UserSession.Answer list = owner.send(owner.request("/api/runs/" + run + "/artifacts").GET());
    if (list.status() != 200) {
      throw new IOException("cannot list the run's artifacts: " + list.errorMessage());
    }
    List<Artifact> out = new ArrayList<>();
    for (JsonNode a : list.body().path("artifacts")) {
      String name = a.path("name").asText();
      HttpResponse<byte[]> res =
          HTTP.send(
              owner
                  .request(
                      "/api/runs/"
                          + run
                          + "/artifacts/"
                          + URLEncoder.encode(name, StandardCharsets.UTF_8))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (res.statusCode() != 200) {
        throw new IOException(
            "cannot download the artifact " + name + ": HTTP " + res.statusCode());
      }
      out.add(new Artifact(name, new String(res.body(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  record Artifact(String name, String text) {}
}
