package dev.nome.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nome.server.accounts.SignIn;
import dev.nome.server.accounts.UserTokenStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * {@code POST /api/login/token}: a person's command line trades a username and password for a user
 * token ({@code nome login}), under the same rate limit as the sign-in page. {@code GET /api/me}
 * says who the caller is.
 */
public final class LoginApi {

  public record TokenRequest(
      @JsonProperty("username") String username,
      @JsonProperty("password") String password,
      @JsonProperty("label") String label) {}

  private final SignIn signIn;
  private final UserTokenStore tokens;

  public LoginApi(SignIn signIn, UserTokenStore tokens) {
    this.signIn = signIn;
    this.tokens = tokens;
  }

  public void register(Javalin app) {
    app.post("/api/login/token", this::token);
    app.get("/api/me", this::me);
  }

  private void token(Context ctx) {
    TokenRequest req = JsonBody.read(ctx, TokenRequest.class);
    switch (signIn.attempt(req.username(), req.password(), ctx.ip())) {
      case SignIn.Result.Ok ok -> {
        String label = req.label() == null ? "cli" : req.label().strip();
        if (label.length() > 64) {
          label = label.substring(0, 64);
        }
        ctx.json(
            Map.of(
                "token", tokens.issue(ok.account(), label), "username", ok.account().username()));
      }
      case SignIn.Result.Wrong w ->
          throw new ApiError(
              HttpStatus.UNAUTHORIZED, "bad_credentials", "wrong username or password");
      case SignIn.Result.LockedOut l ->
          throw new ApiError(
              HttpStatus.TOO_MANY_REQUESTS,
              "locked_out",
              "too many failed attempts; try again later");
    }
  }

  private void me(Context ctx) {
    switch (Guards.caller(ctx)) {
      case Caller.User u ->
          ctx.json(
              Map.of(
                  "kind",
                  "user",
                  "username",
                  u.account().username(),
                  "channel",
                  u.channel().name().toLowerCase(java.util.Locale.ROOT)));
      case Caller.Host h ->
          ctx.json(Map.of("kind", "host", "host_id", h.hostId(), "name", h.name()));
      case Caller.Anonymous a ->
          throw new ApiError(HttpStatus.UNAUTHORIZED, "unauthorized", "sign in first");
    }
  }
}
