package dev.nome.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.pairing.PairingService;
import dev.nome.server.pairing.UserCode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The RFC 8628 endpoints for runners ({@code POST /api/pair/device}, {@code POST /api/pair/token})
 * and for people approving from the command line ({@code GET /api/pair/{code}}, {@code POST
 * /api/pair/{code}/approve|deny}). Responses use the RFC's field names.
 */
public final class PairingApi {

  /** The host's description of itself. */
  public record DeviceRequest(
      @JsonProperty("name") String name,
      @JsonProperty("os") String os,
      @JsonProperty("user") String user,
      @JsonProperty("public_key") String publicKey) {}

  public record TokenRequest(@JsonProperty("device_code") String deviceCode) {}

  private final PairingService pairing;
  private final Supplier<URI> publicUrl;

  public PairingApi(PairingService pairing, Supplier<URI> publicUrl) {
    this.pairing = pairing;
    this.publicUrl = publicUrl;
  }

  public void register(Javalin app) {
    app.post("/api/pair/device", this::device);
    app.post("/api/pair/token", this::token);
    app.get("/api/pair/{code}", this::show);
    app.post("/api/pair/{code}/approve", ctx -> decide(ctx, true));
    app.post("/api/pair/{code}/deny", ctx -> decide(ctx, false));
  }

  private void device(Context ctx) {
    DeviceRequest req = JsonBody.read(ctx, DeviceRequest.class);
    HostInfo info = validate(req);
    // Anyone may start pairing, so each address may have only so many requests waiting.
    PairingService.DeviceAuthorization auth =
        pairing
            .start(info, ctx.ip())
            .orElseThrow(
                () ->
                    new ApiError(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "slow_down",
                        "too many pairing requests are waiting from this address; try again later"));
    URI verify = publicUrl.get().resolve("/pair");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("device_code", auth.deviceCode());
    body.put("user_code", UserCode.display(auth.userCode()));
    body.put("verification_uri", verify.toString());
    body.put("verification_uri_complete", verify + "?code=" + UserCode.display(auth.userCode()));
    body.put("expires_in", auth.expiresIn());
    body.put("interval", auth.interval());
    ctx.json(body);
  }

  private void token(Context ctx) {
    TokenRequest req = JsonBody.read(ctx, TokenRequest.class);
    switch (pairing.poll(req.deviceCode())) {
      case PairingService.Poll.Issued i ->
          ctx.json(
              Map.of(
                  "device_token", i.deviceToken(),
                  "token_type", "Bearer",
                  "host_id", i.host().id()));
      case PairingService.Poll.Pending p ->
          ctx.status(HttpStatus.BAD_REQUEST)
              .json(
                  Map.of(
                      "error",
                      Map.of(
                          "code",
                          p.code(),
                          "message",
                          p.code().equals("slow_down")
                              ? "polling too fast; wait " + p.interval() + " s between polls"
                              : "waiting for a person to approve"),
                      "interval",
                      p.interval()));
      case PairingService.Poll.Failed f ->
          ctx.status(HttpStatus.BAD_REQUEST).json(ErrorBody.of(f.code(), f.message()));
    }
  }

  private void show(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    switch (pairing.lookup(ctx.pathParam("code"), user.accountId(), ctx.ip())) {
      case PairingService.Lookup.Found f ->
          ctx.json(
              Map.of(
                  "user_code", UserCode.display(f.userCode()),
                  "name", f.host().name(),
                  "os", f.host().os(),
                  "user", f.host().osUser()));
      case PairingService.Lookup.Refused r ->
          throw new ApiError(HttpStatus.NOT_FOUND, "invalid_code", r.message());
    }
  }

  private void decide(Context ctx, boolean approve) {
    Caller.User user = Guards.requireUser(ctx);
    if (pairing.lookup(ctx.pathParam("code"), user.accountId(), ctx.ip())
        instanceof PairingService.Lookup.Refused r) {
      throw new ApiError(HttpStatus.NOT_FOUND, "invalid_code", r.message());
    }
    if (!pairing.decide(ctx.pathParam("code"), user.accountId(), approve)) {
      throw new ApiError(HttpStatus.CONFLICT, "invalid_code", "this code is no longer pending");
    }
    ctx.json(Map.of("decision", approve ? "approved" : "denied"));
  }

  /** Checks what a host says about itself; it is shown to a person, so keep it short and plain. */
  public static HostInfo validate(DeviceRequest req) {
    String name = plain(req.name(), "name", 64);
    String os = plain(req.os(), "os", 64);
    String user = plain(req.user(), "user", 64);
    if (req.publicKey() == null) {
      throw ApiError.badRequest("public_key is required (an Ed25519 public key, base64)");
    }
    try {
      byte[] der = Base64.getDecoder().decode(req.publicKey());
      java.security.KeyFactory.getInstance("Ed25519")
          .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
      throw ApiError.badRequest("public_key is not an Ed25519 public key (X.509, base64)");
    }
    return new HostInfo(name, os, user, req.publicKey());
  }

  private static String plain(String value, String field, int max) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty() || v.length() > max) {
      throw ApiError.badRequest(field + " must be 1 to " + max + " characters");
    }
    for (char c : v.toCharArray()) {
      if (Character.isISOControl(c)) {
        throw ApiError.badRequest(field + " contains control characters");
      }
    }
    return v;
  }
}
