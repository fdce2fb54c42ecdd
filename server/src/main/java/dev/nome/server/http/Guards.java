package dev.nome.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/** What handlers call to insist on a kind of caller; anything else is refused with 401/403. */
public final class Guards {

  private Guards() {}

  public static Caller caller(Context ctx) {
    Caller c = ctx.attribute(Caller.ATTRIBUTE);
    return c == null ? new Caller.Anonymous() : c;
  }

  /** A person (browser or CLI). A host's device token is refused: hosts never act for people. */
  public static Caller.User requireUser(Context ctx) {
    return switch (caller(ctx)) {
      case Caller.User u -> u;
      case Caller.Host h ->
          throw new ApiError(
              HttpStatus.FORBIDDEN, "forbidden", "a device token cannot be used for this");
      case Caller.Anonymous a ->
          throw new ApiError(HttpStatus.UNAUTHORIZED, "unauthorized", "sign in first");
    };
  }

  /** A paired host's runner. People are refused: only the host itself may act as the host. */
  public static Caller.Host requireHost(Context ctx) {
    return switch (caller(ctx)) {
      case Caller.Host h -> h;
      case Caller.User u ->
          throw new ApiError(
              HttpStatus.FORBIDDEN, "forbidden", "only a paired host's device token may do this");
      case Caller.Anonymous a ->
          throw new ApiError(HttpStatus.UNAUTHORIZED, "unauthorized", "a device token is required");
    };
  }

  /** A person signed in with a browser session, for pages; empty otherwise. */
  public static Optional<Caller.User> browserUser(Context ctx) {
    return caller(ctx) instanceof Caller.User u && u.channel() == Caller.Channel.BROWSER
        ? Optional.of(u)
        : Optional.empty();
  }
}
