package dev.nome.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.storage.Database;
import dev.nome.server.testing.TestPairing;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy of the database files holds no provider key, device token or user token in the clear. */
class StorageHoldsNoSecretsTest {

  @TempDir Path dataDir;

  @Test
  void aCopyOfTheDatabaseHoldsNoKeyAndNoTokenInTheClear() throws Exception {
    String apiKey = "sk-ant-api03-CLEARTEXT-CANARY-0123456789";
    String deviceToken;
    String userToken;
    try (ControlPlane plane =
        ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), 1), "t")) {
      WebClient owner = WebClient.owner(plane, "owner password 1");
      deviceToken = TestPairing.pair(plane, owner, "laptop");
      var login =
          new WebClient(plane.url())
              .sendJson(
                  "POST",
                  "/api/login/token",
                  "{\"username\":\"owner\",\"password\":\"owner password 1\"}",
                  false);
      userToken = WebClient.json(login).get("token").asText();
      var added =
          owner.sendJson(
              "POST",
              "/api/keys",
              "{\"provider\":\"anthropic\",\"name\":\"work\",\"key\":\"" + apiKey + "\"}",
              true);
      assertThat(added.statusCode()).isEqualTo(201);
      assertThat(added.body()).doesNotContain(apiKey).contains("6789");
      assertThat(owner.get("/keys").body()).doesNotContain(apiKey);
      assertThat(owner.sendJson("GET", "/api/keys", null, false).body()).doesNotContain(apiKey);

      // The owner rotates the keyset; the key still decrypts, under the new primary only.
      var rotated = owner.sendJson("POST", "/api/vault/rotate-keyset", null, true);
      assertThat(WebClient.json(rotated).get("reencrypted").asInt()).isEqualTo(1);
      String keyId = WebClient.json(added).get("id").asText();
      String ownerId = plane.services().accounts().byUsername("owner").orElseThrow().id();
      assertThat(plane.services().vault().reveal(ownerId, keyId)).isEqualTo(apiKey);
      // A host can never touch the vault.
      assertThat(
              WebClient.bearer(plane.url(), deviceToken, "POST", "/api/vault/rotate-keyset", null)
                  .statusCode())
          .isEqualTo(403);
    }
    // Read every file of the data directory, as a backup or a stolen copy would.
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (var files = Files.list(dataDir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (p.getFileName().toString().startsWith(Database.SQLITE_FILE)) {
          all.write(Files.readAllBytes(p));
        }
      }
    }
    String bytes = all.toString(StandardCharsets.ISO_8859_1);
    assertThat(bytes).contains("laptop"); // the copy is real: it holds the host's name
    assertThat(bytes).doesNotContain(apiKey).doesNotContain(apiKey.substring(0, 24));
    assertThat(bytes).doesNotContain(deviceToken).doesNotContain(deviceToken.substring(8, 35));
    assertThat(bytes).doesNotContain(userToken).doesNotContain(userToken.substring(8, 35));
  }
}
