package dev.nome.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.server.ControlPlane;
import dev.nome.server.accounts.AccountStore;
import java.net.URI;
import java.net.http.HttpResponse;

/** Shortcuts for approval tests: tokens for a person and a host, and raising a request. */
public final class Approvals {
  private Approvals() {}

  /** A CLI user token for the owner, as {@code nome login} gets one. */
  public static String userToken(ControlPlane plane, String password) throws Exception {
    ObjectNode body = WebClient.JSON.createObjectNode();
    body.put("username", AccountStore.OWNER_USERNAME);
    body.put("password", password);
    var res =
        new WebClient(plane.url()).sendJson("POST", "/api/login/token", body.toString(), false);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return WebClient.json(res).get("token").asText();
  }

  /** A device token for a freshly paired host named {@code name}. */
  public static String hostToken(ControlPlane plane, String name) {
    return plane.pairLocalHost(TestHosts.info(name)).deviceToken();
  }

  public static String raiseJson(String run, String action, Long expiresInSeconds) {
    ObjectNode b = WebClient.JSON.createObjectNode();
    b.put("run_id", run);
    b.put("work_item_id", "wi-1");
    b.put("tool", "shell");
    b.put("tier", "danger");
    b.put("action", action);
    b.put("reason", "deleting files needs a person");
    if (expiresInSeconds != null) {
      b.put("expires_in_seconds", expiresInSeconds);
    }
    return b.toString();
  }

  public static HttpResponse<String> raise(URI base, String hostToken, String json)
      throws Exception {
    return WebClient.bearer(base, hostToken, "POST", "/api/approvals", json);
  }

  /** Raises a request and returns its JSON ({@code request} and {@code event_id}). */
  public static JsonNode raised(URI base, String hostToken, String run, String action)
      throws Exception {
    var res = raise(base, hostToken, raiseJson(run, action, null));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return WebClient.json(res);
  }

  public static HttpResponse<String> decide(
      URI base, String userToken, String id, String verb, String comment) throws Exception {
    String body =
        comment == null ? null : "{\"comment\":" + WebClient.JSON.writeValueAsString(comment) + "}";
    return WebClient.bearer(base, userToken, "POST", "/api/approvals/" + id + "/" + verb, body);
  }
}
