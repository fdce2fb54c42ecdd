package dev.nome.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.server.http.SecurityHeaders;
import dev.nome.server.storage.DataDirLock;
import dev.nome.server.web.Pages;
import dev.nome.server.web.SectionPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneTest {

  @TempDir static Path dataDir;
  static ControlPlane plane;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  static dev.nome.server.testing.WebClient owner;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty()), "test");
    owner = dev.nome.server.testing.WebClient.owner(plane, "owner password 1");
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(plane.url().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthReportsTheDatabaseAsJson() throws Exception {
    var res = get("/health");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = json.readTree(res.body());
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("database").asText()).isEqualTo("sqlite");
    assertThat(body.get("version").asText()).isEqualTo("test");
  }

  @Test
  void everySectionPageRendersWithNavigationAndAStrictPolicy() throws Exception {
    for (SectionPage page : Pages.SECTIONS) {
      var res = owner.get(page.path());
      assertThat(res.statusCode()).as(page.path()).isEqualTo(200);
      assertThat(res.headers().firstValue("content-security-policy"))
          .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
      String html = res.body();
      assertThat(html).contains("<h1>" + page.title().replace("&", "&amp;") + "</h1>");
      for (SectionPage other : Pages.SECTIONS) {
        assertThat(html).contains("href=\"" + other.path() + "\"");
      }
      assertThat(html).contains("aria-current=\"page\"");
      // No inline script or style anywhere: the policy would block it, so none may be written.
      assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
      assertThat(html)
          .doesNotContain("style=")
          .doesNotContain("<style")
          .doesNotContainPattern("\\son[a-z]+=");
    }
  }

  @Test
  void theRootRedirectsToWorkItems() throws Exception {
    var res = get("/");
    assertThat(res.statusCode()).isEqualTo(302);
    assertThat(res.headers().firstValue("location")).contains("/work-items");
  }

  @Test
  void assetsTheLayoutLinksAreServed() throws Exception {
    String html = owner.get("/keys").body();
    var scripts = java.util.regex.Pattern.compile("src=\"([^\"]+)\"").matcher(html);
    var styles =
        java.util.regex.Pattern.compile("rel=\"stylesheet\" href=\"([^\"]+)\"").matcher(html);
    int found = 0;
    while (scripts.find()) {
      assertThat(get(scripts.group(1)).statusCode()).as(scripts.group(1)).isEqualTo(200);
      found++;
    }
    while (styles.find()) {
      assertThat(get(styles.group(1)).statusCode()).as(styles.group(1)).isEqualTo(200);
      found++;
    }
    assertThat(found).isEqualTo(3); // htmx, the live approvals script, the style sheet
  }

  @Test
  void unknownApiPathsGetTheJsonErrorShape() throws Exception {
    var res = get("/api/nothing-here");
    assertThat(res.statusCode()).isEqualTo(404);
    JsonNode body = json.readTree(res.body());
    assertThat(body.at("/error/code").asText()).isEqualTo("not_found");
    assertThat(body.at("/error/message").asText()).contains("/api/nothing-here");
  }

  @Test
  void unknownPagesGetAnHtmlNotFoundPage() throws Exception {
    var res = get("/no/such/page");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).contains("Not found").contains("/no/such/page");
  }

  @Test
  void aSecondInstanceOnTheSameDataDirIsRefused() {
    assertThatThrownBy(
            () ->
                ControlPlane.start(
                    new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty()), "test"))
        .isInstanceOf(DataDirLock.DataDirLockedException.class);
    // The first one still answers.
    assertThat(plane.database().isHealthy()).isTrue();
  }

  @Test
  void listensOnLoopbackOnly() {
    URI url = plane.url();
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
  }
}
