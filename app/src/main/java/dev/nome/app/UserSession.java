package dev.nome.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.runner.tokens.SecretFiles;
import dev.nome.server.ServerConfig;
import dev.nome.server.accounts.LocalOwnerToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A person's credentials for commands like {@code nome approvals}: a server URL and a user token
 * ({@code nome_ut_…}), never a device token.
 *
 * <p>Where they come from, first match wins: with {@code --server}, the token of {@code nome login}
 * ({@code ~/.nome/user_token}); without, that token with the server it was issued by ({@code
 * ~/.nome/user_server}, else the paired server); and, on the machine where {@code nome up} runs,
 * the owner token that the control plane keeps in its data directory with its URL ({@code
 * --data-dir} picks that one explicitly).
 */
record UserSession(URI server, String token) {

  static final String USER_SERVER_FILE = "user_server";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  static UserSession resolve(String serverOption, Path dataDir) throws IOException {
    if (dataDir != null && (serverOption == null || serverOption.isBlank())) {
      return local(dataDir)
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no control plane has run with the data directory " + dataDir));
    }
    RunnerHome rh = new RunnerHome();
    SecretFiles files = new SecretFiles(rh.home);
    Optional<String> token = files.read(NomeHome.USER_TOKEN);
    if (serverOption != null && !serverOption.isBlank()) {
      if (token.isEmpty()) {
        throw new IllegalStateException(
            "not signed in; run: nome login --server " + serverOption.strip());
      }
      return new UserSession(RunnerHome.normalize(URI.create(serverOption.strip())), token.get());
    }
    if (token.isPresent()) {
      Optional<String> saved = files.read(USER_SERVER_FILE);
      URI server =
          saved.isPresent() && !saved.get().isBlank()
              ? RunnerHome.normalize(URI.create(saved.get().strip()))
              : rh.server(null);
      return new UserSession(server, token.get());
    }
    return local(ServerConfig.defaultDataDir())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "not signed in; run: nome login --server URL (or nome up on this machine)"));
  }

  /** The owner token and URL a local control plane left in its data directory. */
  static Optional<UserSession> local(Path dir) throws IOException {
    Path localToken = dir.resolve(LocalOwnerToken.TOKEN_FILE);
    Path localUrl = dir.resolve(LocalOwnerToken.URL_FILE);
    if (!Files.isReadable(localToken) || !Files.isReadable(localUrl)) {
      return Optional.empty();
    }
    NomeHome.checkFile(localToken);
    return Optional.of(
        new UserSession(
            RunnerHome.normalize(
                URI.create(Files.readString(localUrl, StandardCharsets.UTF_8).strip())),
            Files.readString(localToken, StandardCharsets.UTF_8).strip()));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + token);
  }

  /** Sends a request; returns the status and the JSON body. */
  Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> res;
    try {
      res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException("cannot reach the control plane at " + server);
    }
    if (res.statusCode() == 401) {
      throw new IllegalStateException(
          "the control plane refused the sign-in token; run: nome login --server " + server);
    }
    JsonNode body;
    try {
      body = JSON.readTree(res.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    return new Answer(res.statusCode(), body);
  }

  record Answer(int status, JsonNode body) {
    String errorMessage() {
      return body.at("/error/message").asText("HTTP " + status);
    }
  }

  /** Opens the approval event stream after {@code lastEventId} (null: from now on). */
  HttpResponse<InputStream> events(Long lastEventId) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.resolve("/api/approvals/events"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .GET();
    if (lastEventId != null) {
      b.header("Last-Event-ID", Long.toString(lastEventId));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
