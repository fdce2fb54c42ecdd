package dev.nome.server.http;

import dev.nome.server.accounts.Account;

/**
 * Who sent a request, resolved once per request by {@link Authenticator} and stored in the request
 * attribute {@link #ATTRIBUTE}. The three kinds of credential never stand in for each other: a
 * session cookie and a CLI token make a {@link User}, a device token makes a {@link Host}, and
 * anything else is {@link Anonymous}.
 */
public sealed interface Caller {

  /** The request attribute holding the {@link Caller}. */
  String ATTRIBUTE = "nome.caller";

  /**
   * The request attribute holding the authenticated host's id (a String), set only when a device
   * token authenticated the request. The audit API reads it under this name.
   */
  String HOST_ID_ATTRIBUTE = "nome.auth.host";

  /**
   * The request attribute holding the signed-in person's account id (a String), set for browser
   * sessions and CLI user tokens alike. The audit API reads it under this name.
   */
  String ACCOUNT_ID_ATTRIBUTE = "nome.auth.account";

  /** How a person reached the server. */
  enum Channel {
    /** A browser with a session cookie; state-changing requests carried a valid CSRF token. */
    BROWSER,
    /** The {@code nome} command with a user token from {@code nome login}. */
    CLI
  }

  /** A signed-in person. {@code csrfToken} is set for browser sessions only. */
  record User(Account account, Channel channel, String csrfToken) implements Caller {
    public String accountId() {
      return account.id();
    }
  }

  /** A paired host's runner, authenticated by its device token. */
  record Host(String hostId, String accountId, String name) implements Caller {}

  /** No credential (or none that counted). */
  record Anonymous() implements Caller {}
}
