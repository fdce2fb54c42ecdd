package dev.nome.server.web;

import dev.nome.server.http.Caller;
import dev.nome.server.vault.KeyVault;
import dev.nome.server.vault.VaultException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Keys page: add, rotate and remove BYOK keys; a key is never shown after it is added. */
public final class KeyPages {

  private final Pages pages;
  private final KeyVault vault;

  public KeyPages(Pages pages, KeyVault vault) {
    this.pages = pages;
    this.vault = vault;
  }

  public void register(Javalin app) {
    app.get("/keys", ctx -> show(ctx, null, null));
    app.post("/keys", this::add);
    app.post("/keys/{id}/rotate", this::rotate);
    app.post("/keys/{id}/remove", this::remove);
  }

  private void show(Context ctx, String error, String notice) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("keys", vault.list(user.get().accountId()));
    p.put("error", error);
    p.put("notice", notice);
    pages.renderFor(ctx, user.get(), "pages/keys.jte", p);
  }

  private void add(Context ctx) {
    act(
        ctx,
        u -> {
          var k =
              vault.add(
                  u.accountId(),
                  ctx.formParam("provider"),
                  ctx.formParam("name"),
                  ctx.formParam("base_url"),
                  ctx.formParam("key"));
          return "Added " + k.name() + " (…" + k.lastFour() + ").";
        });
  }

  private void rotate(Context ctx) {
    act(
        ctx,
        u -> {
          var k = vault.rotate(u.accountId(), ctx.pathParam("id"), ctx.formParam("key"));
          return "Rotated " + k.name() + "; it now ends in …" + k.lastFour() + ".";
        });
  }

  private void remove(Context ctx) {
    act(
        ctx,
        u -> {
          vault.remove(u.accountId(), ctx.pathParam("id"));
          return "Removed the key.";
        });
  }

  private interface Action {
    String run(Caller.User user);
  }

  private void act(Context ctx, Action action) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    try {
      String notice = action.run(user.get());
      show(ctx, null, notice);
    } catch (VaultException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      show(ctx, e.getMessage(), null);
    }
  }
}
