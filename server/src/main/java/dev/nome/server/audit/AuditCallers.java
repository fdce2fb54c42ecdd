package dev.nome.server.audit;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is calling, as the authentication in front of the audit API established it. The audit API
 * authenticates nobody itself: the pairing code checks device tokens and sets {@link
 * #HOST_ATTRIBUTE} to the host's id; sign-in (sessions, user tokens) sets {@link #READER_ATTRIBUTE}
 * to the account's id. A request with neither is refused.
 */
public final class AuditCallers {

  /** Request attribute: the id of the paired host whose device token authenticated the request. */
  public static final String HOST_ATTRIBUTE = "nome.auth.host";

  /** Request attribute: the id of the signed-in account (browser session or user token). */
  public static final String READER_ATTRIBUTE = "nome.auth.account";

  private AuditCallers() {}

  static Optional<String> host(Context ctx) {
    return ctx.attribute(HOST_ATTRIBUTE) instanceof String s && !s.isBlank()
        ? Optional.of(s)
        : Optional.empty();
  }

  static Optional<String> reader(Context ctx) {
    return ctx.attribute(READER_ATTRIBUTE) instanceof String s && !s.isBlank()
        ? Optional.of(s)
        : Optional.empty();
  }
}
