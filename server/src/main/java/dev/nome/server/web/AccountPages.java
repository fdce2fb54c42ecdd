package dev.nome.server.web;

import dev.nome.server.accounts.Account;
import dev.nome.server.accounts.AccountStore;
import dev.nome.server.accounts.PasswordHasher;
import dev.nome.server.accounts.SessionStore;
import dev.nome.server.accounts.SignIn;
import dev.nome.server.accounts.TokenHash;
import dev.nome.server.http.Authenticator;
import dev.nome.server.http.Caller;
import dev.nome.server.http.Guards;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Sign-in, sign-out, the owner's first-sign-in link, invitations and the account page. */
public final class AccountPages {

  private final Pages pages;
  private final AccountStore accounts;
  private final SessionStore sessions;
  private final SignIn signIn;
  private final Supplier<URI> publicUrl;

  public AccountPages(
      Pages pages,
      AccountStore accounts,
      SessionStore sessions,
      SignIn signIn,
      Supplier<URI> publicUrl) {
    this.pages = pages;
    this.accounts = accounts;
    this.sessions = sessions;
    this.signIn = signIn;
    this.publicUrl = publicUrl;
  }

  public void register(Javalin app) {
    app.get("/signin", ctx -> showSignIn(ctx, null, ""));
    app.post("/signin", this::doSignIn);
    app.post("/signout", this::signOut);
    app.get("/welcome/{secret}", ctx -> showLink(ctx, AccountStore.LinkPurpose.SETUP, null));
    app.post("/welcome/{secret}", this::useWelcome);
    app.get("/invite/{secret}", ctx -> showLink(ctx, AccountStore.LinkPurpose.INVITE, null));
    app.post("/invite/{secret}", this::useInvite);
    app.get("/account", ctx -> showAccount(ctx, null));
    app.post("/account/invite", this::invite);
  }

  /** The value anonymous forms must echo (double-submit cookie), set on first sight. */
  private static String formCsrf(Context ctx) {
    String existing = ctx.cookie(Authenticator.ANON_CSRF_COOKIE);
    if (existing != null && existing.length() >= 20 && existing.length() <= 100) {
      return existing;
    }
    String value = TokenHash.randomUrlSafe(24);
    ctx.cookie(cookie(ctx, Authenticator.ANON_CSRF_COOKIE, value, -1));
    return value;
  }

  static Cookie cookie(Context ctx, String name, String value, int maxAge) {
    Cookie c = new Cookie(name, value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(SameSite.STRICT);
    c.setSecure(isTls(ctx));
    c.setMaxAge(maxAge);
    return c;
  }

  private static boolean isTls(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme());
  }

  private void showSignIn(Context ctx, String error, String username) {
    if (error == null && Guards.browserUser(ctx).isPresent()) {
      ctx.redirect("/computers");
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("formCsrf", formCsrf(ctx));
    p.put("error", error);
    p.put("username", username);
    pages.render(ctx, "pages/signin.jte", p);
  }

  private void doSignIn(Context ctx) {
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("");
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    switch (signIn.attempt(username, password, ctx.ip())) {
      case SignIn.Result.Ok ok -> startSession(ctx, ok.account());
      case SignIn.Result.Wrong w -> {
        ctx.status(HttpStatus.UNAUTHORIZED);
        showSignIn(ctx, "Wrong username or password.", username);
      }
      case SignIn.Result.LockedOut l -> {
        ctx.status(HttpStatus.TOO_MANY_REQUESTS);
        showSignIn(ctx, "Too many failed attempts. Try again in 15 minutes.", username);
      }
    }
  }

  private void startSession(Context ctx, Account account) {
    SessionStore.Created created = sessions.create(account);
    ctx.cookie(
        cookie(
            ctx,
            Authenticator.SESSION_COOKIE,
            created.cookieValue(),
            (int) SessionStore.TTL.toSeconds()));
    ctx.redirect("/computers", HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    sessions.delete(ctx.cookie(Authenticator.SESSION_COOKIE));
    ctx.cookie(cookie(ctx, Authenticator.SESSION_COOKIE, "", 0));
    ctx.redirect("/signin", HttpStatus.SEE_OTHER);
  }

  private void showLink(Context ctx, AccountStore.LinkPurpose purpose, String error) {
    String secret = ctx.pathParam("secret");
    Optional<AccountStore.Link> link = accounts.findLink(secret);
    if (link.isEmpty() || link.get().purpose() != purpose) {
      ctx.status(HttpStatus.NOT_FOUND);
      pages.render(
          ctx,
          "pages/message.jte",
          Map.of(
              "heading", "Link not valid",
              "message", "This link was already used, has expired, or never existed."));
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("formCsrf", formCsrf(ctx));
    p.put(
        "action", (purpose == AccountStore.LinkPurpose.SETUP ? "/welcome/" : "/invite/") + secret);
    p.put(
        "heading",
        purpose == AccountStore.LinkPurpose.SETUP
            ? "Welcome: choose the owner's password"
            : "You are invited: choose a name and password");
    p.put("askUsername", purpose == AccountStore.LinkPurpose.INVITE);
    p.put("error", error);
    pages.render(ctx, "pages/set_password.jte", p);
  }

  private static String passwordProblem(String password) {
    if (password == null || password.length() < PasswordHasher.MIN_PASSWORD_LENGTH) {
      return "The password must have at least "
          + PasswordHasher.MIN_PASSWORD_LENGTH
          + " characters.";
    }
    if (password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
      return "The password is too long.";
    }
    return null;
  }

  private void useWelcome(Context ctx) {
    String password = ctx.formParam("password");
    String problem = passwordProblem(password);
    if (problem != null) {
      ctx.status(HttpStatus.BAD_REQUEST);
      showLink(ctx, AccountStore.LinkPurpose.SETUP, problem);
      return;
    }
    Optional<Account> account = accounts.useSetupLink(ctx.pathParam("secret"), password);
    if (account.isEmpty()) {
      showLink(ctx, AccountStore.LinkPurpose.SETUP, null);
      return;
    }
    startSession(ctx, account.get());
  }

  private void useInvite(Context ctx) {
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
    String password = ctx.formParam("password");
    String problem = passwordProblem(password);
    if (!username.matches("[A-Za-z0-9._-]{2,40}")) {
      problem = "The username must be 2 to 40 letters, digits, dots, dashes or underscores.";
    }
    if (problem != null) {
      ctx.status(HttpStatus.BAD_REQUEST);
      showLink(ctx, AccountStore.LinkPurpose.INVITE, problem);
      return;
    }
    Optional<Account> account = accounts.useInvite(ctx.pathParam("secret"), username, password);
    if (account.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST);
      showLink(
          ctx,
          AccountStore.LinkPurpose.INVITE,
          "That name is taken, or the link is no longer valid.");
      return;
    }
    startSession(ctx, account.get());
  }

  private void showAccount(Context ctx, String inviteLink) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("owner", user.get().account().owner());
    p.put("inviteLink", inviteLink);
    pages.renderFor(ctx, user.get(), "pages/account.jte", p);
  }

  private void invite(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    if (!user.get().account().owner()) {
      ctx.status(HttpStatus.FORBIDDEN);
      showAccount(ctx, null);
      return;
    }
    String secret = accounts.invite(user.get().accountId());
    showAccount(ctx, publicUrl.get().resolve("/invite/" + secret).toString());
  }
}
