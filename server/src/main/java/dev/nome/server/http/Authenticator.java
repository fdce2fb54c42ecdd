package dev.nome.server.http;

import dev.nome.core.token.TokenKind;
import dev.nome.server.accounts.SessionStore;
import dev.nome.server.accounts.TokenHash;
import dev.nome.server.accounts.UserTokenStore;
import dev.nome.server.hosts.HostStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * The before-handler that resolves every request's {@link Caller} and enforces CSRF.
 *
 * <ul>
 *   <li>{@code Authorization: Bearer nome_dt_…} is a host; {@code Bearer nome_ut_…} is a person's
 *       CLI. The token's format and checksum are checked before any lookup; a malformed, unknown or
 *       revoked token is one and the same 401, so a caller learns nothing about which.
 *   <li>Otherwise the {@code nome_session} cookie makes a browser user.
 *   <li>A state-changing request from a browser session must carry the session's CSRF token in the
 *       {@code X-CSRF-Token} header (htmx sends it) or the {@code _csrf} form field; an anonymous
 *       form post to a page must carry the {@code nome_csrf} cookie's value in {@code _csrf}.
 *       Missing or wrong is 403. Bearer requests need none: browsers never attach them by
 *       themselves.
 * </ul>
 */
public final class Authenticator {

  public static final String SESSION_COOKIE = "nome_session";
  public static final String ANON_CSRF_COOKIE = "nome_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "_csrf";

  private static final String BAD_TOKEN = "the token is not valid (malformed, unknown or revoked)";

  private final SessionStore sessions;
  private final UserTokenStore userTokens;
  private final HostStore hosts;

  public Authenticator(SessionStore sessions, UserTokenStore userTokens, HostStore hosts) {
    this.sessions = sessions;
    this.userTokens = userTokens;
    this.hosts = hosts;
  }

  public void handle(Context ctx) {
    Caller caller = resolve(ctx);
    ctx.attribute(Caller.ATTRIBUTE, caller);
    switch (caller) {
      case Caller.Host h -> ctx.attribute(Caller.HOST_ID_ATTRIBUTE, h.hostId());
      case Caller.User u -> ctx.attribute(Caller.ACCOUNT_ID_ATTRIBUTE, u.accountId());
      case Caller.Anonymous a -> {}
    }
    if (changesState(ctx.method())) {
      checkCsrf(ctx, caller);
    }
  }

  private Caller resolve(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      return fromBearer(authorization);
    }
    String cookie = ctx.cookie(SESSION_COOKIE);
    if (cookie != null) {
      return sessions
          .find(cookie)
          .<Caller>map(s -> new Caller.User(s.account(), Caller.Channel.BROWSER, s.csrfToken()))
          .orElseGet(Caller.Anonymous::new);
    }
    return new Caller.Anonymous();
  }

  /** Resolves a bearer credential; anything but a valid, live token throws the same 401. */
  public Caller fromBearer(String authorization) {
    if (!authorization.startsWith("Bearer ")) {
      throw unauthorized();
    }
    String token = authorization.substring("Bearer ".length()).strip();
    Optional<String> device = TokenKind.DEVICE.parse(token);
    if (device.isPresent()) {
      return hosts
          .findActiveByTokenHash(TokenHash.of(device.get()))
          .<Caller>map(h -> new Caller.Host(h.id(), h.accountId(), h.name()))
          .orElseThrow(Authenticator::unauthorized);
    }
    Optional<String> user = TokenKind.USER.parse(token);
    if (user.isPresent()) {
      return userTokens
          .find(user.get())
          .<Caller>map(a -> new Caller.User(a, Caller.Channel.CLI, null))
          .orElseThrow(Authenticator::unauthorized);
    }
    throw unauthorized();
  }

  private static ApiError unauthorized() {
    return new ApiError(HttpStatus.UNAUTHORIZED, "invalid_token", BAD_TOKEN);
  }

  private static boolean changesState(HandlerType method) {
    return method == HandlerType.POST
        || method == HandlerType.PUT
        || method == HandlerType.PATCH
        || method == HandlerType.DELETE;
  }

  private static void checkCsrf(Context ctx, Caller caller) {
    switch (caller) {
      case Caller.User u when u.channel() == Caller.Channel.BROWSER -> {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
          sent = formField(ctx);
        }
        if (!TokenHash.constantTimeEquals(sent, u.csrfToken())) {
          throw csrfMissing();
        }
      }
      case Caller.Anonymous a when !ctx.path().startsWith("/api/") -> {
        String cookie = ctx.cookie(ANON_CSRF_COOKIE);
        if (cookie == null || !TokenHash.constantTimeEquals(formField(ctx), cookie)) {
          throw csrfMissing();
        }
      }
      default -> {}
    }
  }

  private static String formField(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
      return null;
    }
    return ctx.formParam(CSRF_FIELD);
  }

  private static ApiError csrfMissing() {
    return new ApiError(
        HttpStatus.FORBIDDEN, "csrf", "missing or wrong CSRF token; reload the page and try again");
  }
}
