package dev.nome.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.WebClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner set-up link, sign-in, sessions, CSRF, invitations and CLI tokens over real HTTP. */
class AccountsHttpTest {

  @TempDir static Path dataDir;
  static ControlPlane plane;
  static WebClient owner;
  static final String PASSWORD = "owner password 1";

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty()), "t");
    String link = plane.ownerSetupLink().orElseThrow().getPath();
    owner = WebClient.owner(plane, PASSWORD);
    // The link worked once: now it is gone.
    var again = new WebClient(plane.url()).get(link);
    assertThat(again.statusCode()).isEqualTo(404);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  @Test
  void pagesNeedASignedInSession() throws Exception {
    var anon = new WebClient(plane.url());
    for (String path : new String[] {"/computers", "/keys", "/approvals", "/work-items", "/pair"}) {
      var res = anon.get(path);
      assertThat(res.statusCode()).as(path).isEqualTo(302);
      assertThat(res.headers().firstValue("location")).contains("/signin");
    }
    assertThat(owner.get("/computers").statusCode()).isEqualTo(200);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    var c = new WebClient(plane.url());
    var page = c.get("/signin");
    var res =
        c.postForm(
            "/signin",
            Map.of("username", "owner", "password", PASSWORD),
            WebClient.csrfOf(page.body()));
    assertThat(res.statusCode()).isEqualTo(303);
    String setCookie =
        res.headers().allValues("set-cookie").stream()
            .filter(v -> v.startsWith(Authenticator.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    // The database keeps only a hash of the cookie.
    String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    int clear =
        plane
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM session WHERE token_hash = :v")
                        .bind("v", value)
                        .mapTo(Integer.class)
                        .one());
    assertThat(clear).isZero();
  }

  @Test
  void stateChangingRequestsWithoutTheCsrfTokenAre403() throws Exception {
    HttpResponse<String> form = owner.postForm("/account/invite", Map.of(), null);
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(WebClient.json(form).at("/error/code").asText()).isEqualTo("csrf");
    assertThat(owner.postForm("/account/invite", Map.of(), "wrong").statusCode()).isEqualTo(403);
    var json = owner.sendJson("POST", "/api/keys", "{}", false);
    assertThat(json.statusCode()).isEqualTo(403);
    // Signing in without the form's token is refused as well (login CSRF).
    var anon = new WebClient(plane.url());
    anon.get("/signin");
    assertThat(
            anon.postForm("/signin", Map.of("username", "owner", "password", PASSWORD), null)
                .statusCode())
        .isEqualTo(403);
    // With the token it works.
    assertThat(owner.postForm("/account/invite", Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordsAreRateLimited() throws Exception {
    var c = new WebClient(plane.url());
    String token = WebClient.csrfOf(c.get("/signin").body());
    // A name of its own so that other tests' owner sign-ins are not locked out.
    int last = 0;
    for (int i = 0; i < 5; i++) {
      last =
          c.postForm("/signin", Map.of("username", "nobody", "password", "guess " + i), token)
              .statusCode();
    }
    assertThat(last).isEqualTo(429);
    var locked = c.postForm("/signin", Map.of("username", "nobody", "password", "whatever"), token);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body()).contains("Too many failed attempts");
  }

  @Test
  void anInvitationCreatesASecondAccountOnce() throws Exception {
    var page = owner.postForm("/account/invite", Map.of());
    String link = page.body().replaceAll("(?s).*<code id=\"invite-link\">([^<]+)</code>.*", "$1");
    String path = java.net.URI.create(link).getPath();
    var guest = new WebClient(plane.url());
    String token = WebClient.csrfOf(guest.get(path).body());
    var res =
        guest.postForm(path, Map.of("username", "guest", "password", "guest password 1"), token);
    assertThat(res.statusCode()).isEqualTo(303);
    guest.refreshCsrf();
    assertThat(guest.get("/computers").statusCode()).isEqualTo(200);
    assertThat(new WebClient(plane.url()).get(path).statusCode()).isEqualTo(404);
    // A guest cannot invite.
    assertThat(guest.postForm("/account/invite", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  void theCliTradesAPasswordForAUserTokenThatIsNotADeviceToken() throws Exception {
    var res = WebClient.bearer(plane.url(), "x", "GET", "/api/me", null); // malformed bearer
    assertThat(res.statusCode()).isEqualTo(401);
    var login =
        new WebClient(plane.url())
            .sendJson(
                "POST",
                "/api/login/token",
                "{\"username\":\"owner\",\"password\":\"" + PASSWORD + "\",\"label\":\"test\"}",
                false);
    assertThat(login.statusCode()).isEqualTo(200);
    String token = WebClient.json(login).get("token").asText();
    assertThat(token).startsWith("nome_ut_");
    var me = WebClient.bearer(plane.url(), token, "GET", "/api/me", null);
    assertThat(WebClient.json(me).get("channel").asText()).isEqualTo("cli");
    // A user token is not a host: host endpoints refuse it.
    assertThat(WebClient.bearer(plane.url(), token, "GET", "/api/hosts/me", null).statusCode())
        .isEqualTo(403);
    // And it needs no CSRF token (no ambient credential), so the CLI can manage keys.
    assertThat(WebClient.bearer(plane.url(), token, "GET", "/api/keys", null).statusCode())
        .isEqualTo(200);
  }
}
