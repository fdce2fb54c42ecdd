package dev.nome.server.web;

import dev.nome.server.hosts.Host;
import dev.nome.server.hosts.HostEvents;
import dev.nome.server.hosts.HostStore;
import dev.nome.server.http.Caller;
import dev.nome.server.pairing.PairingService;
import dev.nome.server.pairing.UserCode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Computers &amp; Coding Accounts page, revoking a host, and approving a pairing code. */
public final class ComputerPages {

  private final Pages pages;
  private final HostStore hosts;
  private final HostEvents events;
  private final PairingService pairing;

  public ComputerPages(Pages pages, HostStore hosts, HostEvents events, PairingService pairing) {
    this.pages = pages;
    this.hosts = hosts;
    this.events = events;
    this.pairing = pairing;
  }

  public void register(Javalin app) {
    app.get("/computers", this::list);
    app.get("/computers/{id}/revoke", this::confirmRevoke);
    app.post("/computers/{id}/revoke", this::revoke);
    app.post("/computers/{id}/report-seats", this::askForSeats);
    app.get("/pair", this::showPair);
    app.post("/pair", this::lookUp);
    app.post("/pair/decide", this::decide);
  }

  private void list(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    var views = hosts.list(user.get().accountId()).stream().map(HostView::of).toList();
    pages.renderFor(ctx, user.get(), "pages/computers.jte", Map.of("hosts", views));
  }

  private Optional<Host> ownHost(Caller.User user, String id) {
    return hosts.get(id).filter(h -> h.accountId().equals(user.accountId()));
  }

  private void confirmRevoke(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Optional<Host> host = ownHost(user.get(), ctx.pathParam("id")).filter(h -> !h.revoked());
    if (host.isEmpty()) {
      ctx.redirect("/computers");
      return;
    }
    pages.renderFor(
        ctx, user.get(), "pages/confirm_revoke.jte", Map.of("host", HostView.of(host.get())));
  }

  private void revoke(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    String id = ctx.pathParam("id");
    if (hosts.revoke(
        id, user.get().accountId(), "account:" + user.get().accountId(), "revoked by its owner")) {
      events.revoked(id);
    }
    ctx.redirect("/computers", HttpStatus.SEE_OTHER);
  }

  private void askForSeats(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    String id = ctx.pathParam("id");
    if (ownHost(user.get(), id).filter(h -> !h.revoked()).isPresent()) {
      events.send(id, "report-seats", "{}");
    }
    ctx.redirect("/computers", HttpStatus.SEE_OTHER);
  }

  private void showPair(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("code", Optional.ofNullable(ctx.queryParam("code")).orElse(""));
    pages.renderFor(ctx, user.get(), "pages/pair.jte", p);
  }

  private void lookUp(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    String typed = Optional.ofNullable(ctx.formParam("code")).orElse("");
    Map<String, Object> p = new HashMap<>();
    switch (pairing.lookup(typed, user.get().accountId(), ctx.ip())) {
      case PairingService.Lookup.Found f -> {
        p.put("code", UserCode.display(f.userCode()));
        p.put("host", f.host());
      }
      case PairingService.Lookup.Refused r -> {
        ctx.status(HttpStatus.BAD_REQUEST);
        p.put("code", typed.length() > 32 ? "" : typed);
        p.put("error", r.message());
      }
    }
    pages.renderFor(ctx, user.get(), "pages/pair.jte", p);
  }

  private void decide(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    boolean approve = "approve".equals(ctx.formParam("decision"));
    String code = Optional.ofNullable(ctx.formParam("code")).orElse("");
    boolean done = pairing.decide(code, user.get().accountId(), approve);
    String message =
        !done
            ? "This code is no longer waiting (used, expired or unknown). Start pairing again on the computer."
            : approve
                ? "Approved. The computer finishes pairing by itself in a few seconds."
                : "Denied. The computer was told so.";
    if (!done) {
      ctx.status(HttpStatus.BAD_REQUEST);
    }
    pages.renderFor(
        ctx,
        user.get(),
        "pages/message.jte",
        Map.of("heading", approve && done ? "Computer approved" : "Pairing", "message", message));
  }
}
