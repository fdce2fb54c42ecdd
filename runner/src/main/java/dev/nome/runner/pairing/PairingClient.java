package dev.nome.runner.pairing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.token.TokenKind;
import dev.nome.runner.tokens.DeviceTokenStore;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.runner.tokens.RunnerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Pairs this host with a control plane by RFC 8628: asks for a device code and a user code, shows
 * the code, the verification URL and a QR code, then polls at the server's interval (adding 5
 * seconds on each {@code slow_down}) until a person approves or denies, or the code expires. On
 * approval it stores the device token, the host key and the server URL.
 */
public final class PairingClient {

  /** Waits between polls; tests replace it to count or shorten waits. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** What pairing produced. */
  public record Paired(String hostId, URI server) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
  private final NomeHome home;
  private final PrintStream out;
  private final Sleeper sleeper;

  public PairingClient(NomeHome home, PrintStream out, Sleeper sleeper) {
    this.home = home;
    this.out = out;
    this.sleeper = sleeper;
  }

  public Paired pair(URI server, ThisHost me) throws IOException, InterruptedException {
    home.ensure();
    HostKey key = HostKey.generate();
    ObjectNode req = JSON.createObjectNode();
    req.put("name", me.name());
    req.put("os", me.os());
    req.put("user", me.user());
    req.put("public_key", key.publicKeyBase64());
    HttpResponse<String> started = post(server, "/api/pair/device", req.toString());
    if (started.statusCode() != 200) {
      throw new IOException("the control plane refused to start pairing: " + message(started));
    }
    JsonNode auth = JSON.readTree(started.body());
    String deviceCode = auth.path("device_code").asText();
    String userCode = auth.path("user_code").asText();
    String verify = auth.path("verification_uri").asText();
    String complete = auth.path("verification_uri_complete").asText(verify);
    int interval = Math.max(1, auth.path("interval").asInt(5));
    long deadline =
        System.nanoTime() + Duration.ofSeconds(auth.path("expires_in").asInt(600)).toNanos();

    out.println("To pair this computer (" + me.name() + "), open");
    out.println();
    out.println("  " + verify);
    out.println();
    out.println("signed in to NOME on any device, and enter the code");
    out.println();
    out.println("  " + userCode);
    out.println();
    out.println("or scan:");
    out.print(QrTerminal.render(complete));
    out.println(
        "Waiting for approval (the code expires in "
            + (auth.path("expires_in").asInt(600) / 60)
            + " minutes)...");
    out.flush();

    String poll = JSON.createObjectNode().put("device_code", deviceCode).toString();
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the pairing code expired; run nome pair again");
      }
      sleeper.sleep(Duration.ofSeconds(interval));
      HttpResponse<String> res = post(server, "/api/pair/token", poll);
      if (res.statusCode() == 200) {
        JsonNode ok = JSON.readTree(res.body());
        String token = ok.path("device_token").asText();
        if (TokenKind.DEVICE.parse(token).isEmpty()) {
          throw new IOException("the control plane sent a malformed device token; not stored");
        }
        key.save(home);
        new DeviceTokenStore(home).save(token);
        new RunnerConfig(home).setServer(server);
        return new Paired(ok.path("host_id").asText(), server);
      }
      JsonNode err = parse(res.body());
      String code = err.at("/error/code").asText("");
      switch (code) {
        case "authorization_pending" -> {}
        case "slow_down" -> interval += 5;
        case "access_denied" -> throw new IOException("pairing was denied");
        case "expired_token" ->
            throw new IOException("the pairing code expired; run nome pair again");
        default ->
            throw new IOException(
                "pairing failed: " + err.at("/error/message").asText(res.statusCode() + ""));
      }
    }
  }

  private HttpResponse<String> post(URI server, String path, String json)
      throws IOException, InterruptedException {
    try {
      return http.send(
          HttpRequest.newBuilder(server.resolve(path))
              .timeout(Duration.ofSeconds(15))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException("cannot reach the control plane at " + server);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String message(HttpResponse<String> res) {
    return parse(res.body()).at("/error/message").asText("HTTP " + res.statusCode());
  }
}
