package dev.nome.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.server.ControlPlane;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that acts like a browser (forms, CSRF fields) or like the CLI. */
public final class WebClient {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final URI base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private String csrf;

  public WebClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Sets the owner's password through the one-time link and keeps the session. */
  public static WebClient owner(ControlPlane plane, String password) throws Exception {
    WebClient c = new WebClient(plane.url());
    URI link = plane.ownerSetupLink().orElseThrow();
    var page = c.get(link.getPath());
    var res = c.postForm(link.getPath(), Map.of("password", password), csrfOf(page.body()));
    if (res.statusCode() != 303) {
      throw new AssertionError("setting the owner password failed: " + res.statusCode());
    }
    c.refreshCsrf();
    return c;
  }

  public void refreshCsrf() throws Exception {
    var page = get("/account");
    csrf = csrfOf(page.body());
  }

  public String csrf() {
    return csrf;
  }

  public static String csrfOf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF field in page:\n" + html);
    }
    return m.group(1);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form; {@code csrf} null sends none. */
  public HttpResponse<String> postForm(String path, Map<String, String> fields, String csrf)
      throws Exception {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("_csrf", csrf);
    }
    String body =
        all.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form with this session's CSRF token. */
  public HttpResponse<String> postForm(String path, Map<String, String> fields) throws Exception {
    return postForm(path, fields, csrf);
  }

  /** Sends JSON with the session cookie and (when {@code withCsrf}) the CSRF header. */
  public HttpResponse<String> sendJson(String method, String path, String json, boolean withCsrf)
      throws Exception {
    var b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (withCsrf) {
      b.header("X-CSRF-Token", csrf);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpCookie cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElse(null);
  }

  /** A request with a bearer token and no cookies. */
  public static HttpResponse<String> bearer(
      URI base, String token, String method, String path, String json) throws Exception {
    var b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static JsonNode json(HttpResponse<String> res) throws Exception {
    return JSON.readTree(res.body());
  }
}
