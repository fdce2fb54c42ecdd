package dev.nome.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.server.ControlPlane;

/** The device flow driven over HTTP, as a runner and its owner would. */
public final class TestPairing {
  private TestPairing() {}

  /** Runs the device flow: runner asks, owner approves over the API, runner polls. */
  public static String pair(ControlPlane plane, WebClient owner, String name) throws Exception {
    var anon = new WebClient(plane.url());
    var start = anon.sendJson("POST", "/api/pair/device", TestHosts.deviceRequestJson(name), false);
    assertThat(start.statusCode()).isEqualTo(200);
    JsonNode auth = WebClient.json(start);
    assertThat(auth.get("user_code").asText()).matches("[A-Z]{4}-[A-Z]{4}");
    assertThat(auth.get("verification_uri").asText()).endsWith("/pair");
    assertThat(auth.get("expires_in").asInt()).isEqualTo(600);
    String deviceCode = auth.get("device_code").asText();
    var pending =
        anon.sendJson("POST", "/api/pair/token", "{\"device_code\":\"" + deviceCode + "\"}", false);
    assertThat(WebClient.json(pending).at("/error/code").asText())
        .isEqualTo("authorization_pending");
    String code = auth.get("user_code").asText();
    var shown = owner.sendJson("GET", "/api/pair/" + code, null, false);
    assertThat(WebClient.json(shown).get("name").asText()).isEqualTo(name);
    assertThat(owner.sendJson("POST", "/api/pair/" + code + "/approve", null, true).statusCode())
        .isEqualTo(200);
    Thread.sleep(1000); // the RFC's interval (1 s in this configuration), not a wait for an event
    var issued =
        anon.sendJson("POST", "/api/pair/token", "{\"device_code\":\"" + deviceCode + "\"}", false);
    assertThat(issued.statusCode()).isEqualTo(200);
    return WebClient.json(issued).get("device_token").asText();
  }
}
