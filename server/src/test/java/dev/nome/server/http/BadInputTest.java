package dev.nome.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.token.TokenKind;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.TestHosts;
import dev.nome.server.testing.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the API does with input that is wrong, malicious or too big. */
class BadInputTest {

  @TempDir static Path dataDir;
  static ControlPlane plane;
  static WebClient owner;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), 1), "t");
    owner = WebClient.owner(plane, "owner password 1");
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  @Test
  void oversizedBodiesAre413() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(2_000_000) + "\"}";
    var res = new WebClient(plane.url()).sendJson("POST", "/api/pair/device", big, false);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(413);
    assertThat(WebClient.json(res).at("/error/code").asText()).isEqualTo("too_large");
  }

  @Test
  void malformedJsonIs400WithAMessageThatDoesNotEchoTheInput() throws Exception {
    var res =
        owner.sendJson(
            "POST", "/api/keys", "{\"provider\":\"openai\",\"key\":sk-secret-value", true);
    assertThat(res.statusCode()).isEqualTo(400);
    String message = WebClient.json(res).at("/error/message").asText();
    assertThat(message).startsWith("malformed JSON at line 1");
    assertThat(res.body()).doesNotContain("sk-secret-value");
    var wrongType = owner.sendJson("POST", "/api/keys", "[1,2]", true);
    assertThat(wrongType.statusCode()).isEqualTo(400);
    var unknownField = owner.sendJson("POST", "/api/keys", "{\"color\":\"red\"}", true);
    assertThat(WebClient.json(unknownField).at("/error/message").asText()).contains("color");
    var empty = new WebClient(plane.url()).sendJson("POST", "/api/pair/token", "", false);
    assertThat(empty.statusCode()).isEqualTo(400);
  }

  @Test
  void tokensWithABadChecksumOrShapeAre401() throws Exception {
    String good = TokenKind.DEVICE.generate();
    char last = good.charAt(good.length() - 1);
    String badSum = good.substring(0, good.length() - 1) + (last == 'a' ? 'b' : 'a');
    for (String t :
        new String[] {
          badSum, "nome_dt_short", good + "x", "ghp_abc", good.replace("nome_dt_", "nome_xx_")
        }) {
      var res = WebClient.bearer(plane.url(), t, "GET", "/api/hosts/me", null);
      assertThat(res.statusCode()).as(t).isEqualTo(401);
      assertThat(res.headers().firstValue("www-authenticate")).contains("Bearer");
      assertThat(WebClient.json(res).at("/error/code").asText()).isEqualTo("invalid_token");
    }
  }

  @Test
  void wrongAndReusedUserCodesAreRefused() throws Exception {
    var anon = new WebClient(plane.url());
    var start =
        WebClient.json(
            anon.sendJson("POST", "/api/pair/device", TestHosts.deviceRequestJson("box"), false));
    String code = start.get("user_code").asText();
    var wrong = owner.postForm("/pair", Map.of("code", "ZZZZ-ZZZZ"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("no computer is waiting with this code");
    var nonsense = owner.postForm("/pair", Map.of("code", "<script>"));
    assertThat(nonsense.statusCode()).isEqualTo(400);
    assertThat(nonsense.body()).doesNotContain("<script>");
    var ok = owner.postForm("/pair", Map.of("code", code.toLowerCase()));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("id=\"host-name\">box<");
    assertThat(
            owner
                .postForm("/pair/decide", Map.of("code", code, "decision", "approve"))
                .statusCode())
        .isEqualTo(200);
    var reused = owner.postForm("/pair/decide", Map.of("code", code, "decision", "approve"));
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(owner.postForm("/pair", Map.of("code", code)).body()).contains("already used");
  }

  @Test
  void oneAddressCannotStartPairingWithoutBound() throws Exception {
    // A control plane of its own: the limit is per instance and per address.
    try (ControlPlane other =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, dataDir.resolve("other"), Optional.empty(), 1), "t")) {
      var anon = new WebClient(other.url());
      String body = TestHosts.deviceRequestJson("box");
      for (int i = 0; i < dev.nome.server.pairing.PairingService.MAX_PENDING_PER_ADDRESS; i++) {
        assertThat(anon.sendJson("POST", "/api/pair/device", body, false).statusCode())
            .isEqualTo(200);
      }
      var refused = anon.sendJson("POST", "/api/pair/device", body, false);
      assertThat(refused.statusCode()).isEqualTo(429);
    }
  }

  @Test
  void hostDescriptionsAreChecked() throws Exception {
    var anon = new WebClient(plane.url());
    var noKey =
        anon.sendJson(
            "POST", "/api/pair/device", "{\"name\":\"a\",\"os\":\"b\",\"user\":\"c\"}", false);
    assertThat(noKey.statusCode()).isEqualTo(400);
    var badKey =
        anon.sendJson(
            "POST",
            "/api/pair/device",
            "{\"name\":\"a\",\"os\":\"b\",\"user\":\"c\",\"public_key\":\"AAAA\"}",
            false);
    assertThat(WebClient.json(badKey).at("/error/message").asText()).contains("Ed25519");
  }
}
