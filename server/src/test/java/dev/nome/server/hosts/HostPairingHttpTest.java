package dev.nome.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.token.TokenKind;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.TestPairing;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.testing.WebClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pairing over HTTP, device-token authentication and revocation, on SQLite and on a real
 * PostgreSQL.
 */
class HostPairingHttpTest {

  @TempDir Path dataDir;

  ControlPlane start(String dialect) throws Exception {
    Optional<String> db =
        dialect.equals("postgresql")
            ? Optional.of(TestPostgres.get().createDatabase())
            : Optional.empty();
    return ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, db, 1), "t");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aPairedHostIsItselfUntilRevokedAndThenGetsTheSame401AsAStranger(String dialect)
      throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient owner = WebClient.owner(plane, "owner password 1");
      String token = TestPairing.pair(plane, owner, "build-box");
      assertThat(TokenKind.DEVICE.parse(token)).isPresent();

      var me = WebClient.bearer(plane.url(), token, "GET", "/api/hosts/me", null);
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(WebClient.json(me).get("name").asText()).isEqualTo("build-box");
      String hostId = WebClient.json(me).get("host_id").asText();

      // A device token is not a person: it cannot list hosts, read keys or approve pairings.
      assertThat(WebClient.bearer(plane.url(), token, "GET", "/api/hosts", null).statusCode())
          .isEqualTo(403);
      assertThat(WebClient.bearer(plane.url(), token, "GET", "/api/keys", null).statusCode())
          .isEqualTo(403);

      // The event stream opens, and closes within a second of the revocation.
      HttpClient http = HttpClient.newHttpClient();
      var stream =
          http.send(
              HttpRequest.newBuilder(plane.url().resolve("/api/hosts/me/events"))
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      var reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      assertThat(reader.readLine()).isEqualTo("event: hello");
      // A person can ask the host to report its provider CLI states again.
      var ask = owner.sendJson("POST", "/api/hosts/" + hostId + "/report-seats", null, true);
      assertThat(ask.statusCode()).isEqualTo(202);
      String next;
      while ((next = reader.readLine()) != null && !next.equals("event: report-seats")) {
        // skip the hello event's data and blank line
      }
      assertThat(next).isEqualTo("event: report-seats");
      CompletableFuture<String> ended =
          CompletableFuture.supplyAsync(
              () -> {
                StringBuilder seen = new StringBuilder();
                try {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    seen.append(line).append('\n');
                  }
                } catch (java.io.IOException e) {
                  seen.append("closed: ").append(e.getMessage());
                }
                return seen.toString();
              });

      var revoke = owner.sendJson("POST", "/api/hosts/" + hostId + "/revoke", null, true);
      assertThat(revoke.statusCode()).isEqualTo(200);
      long revokedAt = System.nanoTime();
      String tail = ended.get(5, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
      assertThat(tail).contains("event: revoked");

      var after = WebClient.bearer(plane.url(), token, "GET", "/api/hosts/me", null);
      assertThat(after.statusCode()).isEqualTo(401);
      var stranger =
          WebClient.bearer(plane.url(), TokenKind.DEVICE.generate(), "GET", "/api/hosts/me", null);
      assertThat(stranger.statusCode()).isEqualTo(401);
      assertThat(stranger.body()).isEqualTo(after.body());
      assertThat(
              WebClient.bearer(plane.url(), token, "GET", "/api/hosts/me/events", null)
                  .statusCode())
          .isEqualTo(401);

      // The revocation is on record, and the list shows the host as revoked.
      assertThat(plane.services().hosts().revocations(hostId))
          .singleElement()
          .satisfies(r -> assertThat(r.by()).startsWith("account:"));
      var list = WebClient.json(owner.sendJson("GET", "/api/hosts", null, false));
      assertThat(list.at("/hosts/0/revoked_at").isNull()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void seatReportsAreAcceptedOnlyInTheirNarrowShape(String dialect) throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient owner = WebClient.owner(plane, "owner password 1");
      String token = TestPairing.pair(plane, owner, "laptop");
      String good =
          "{\"seats\":[{\"cli\":\"claude-code\",\"version\":\"2.1.197\",\"auth\":\"signed-out\","
              + "\"method\":\"none\"}],\"withheld\":[\"ANTHROPIC_API_KEY\"]}";
      assertThat(
              WebClient.bearer(plane.url(), token, "PUT", "/api/hosts/me/seats", good).statusCode())
          .isEqualTo(204);
      String raw =
          "{\"seats\":[{\"cli\":\"codex\",\"version\":\"1\",\"auth\":\"API key configured -"
              + " sk-proj-***12345\",\"method\":null}],\"withheld\":[]}";
      var refused = WebClient.bearer(plane.url(), token, "PUT", "/api/hosts/me/seats", raw);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).doesNotContain("sk-proj");
      var page = owner.get("/computers").body();
      assertThat(page).contains("Claude Code 2.1.197").contains("signed out");
      assertThat(page).contains("ANTHROPIC_API_KEY");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void unpairingFromTheHostRevokesIt(String dialect) throws Exception {
    try (ControlPlane plane = start(dialect)) {
      WebClient owner = WebClient.owner(plane, "owner password 1");
      String token = TestPairing.pair(plane, owner, "laptop");
      assertThat(WebClient.bearer(plane.url(), token, "DELETE", "/api/hosts/me", null).statusCode())
          .isEqualTo(204);
      assertThat(WebClient.bearer(plane.url(), token, "GET", "/api/hosts/me", null).statusCode())
          .isEqualTo(401);
      var page = owner.get("/computers").body();
      assertThat(page).contains("data-state=\"revoked\"");
    }
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
