package dev.nome.server.web;

import dev.nome.server.approvals.ApprovalApi;
import dev.nome.server.approvals.ApprovalService;
import dev.nome.server.approvals.ApprovalState;
import dev.nome.server.approvals.ApprovalStore;
import dev.nome.server.approvals.NewApproval;
import dev.nome.server.http.Caller;
import dev.nome.server.http.Guards;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Approvals page: pending requests (kept live by {@code /static/approvals.js}, which listens to
 * {@code /api/approvals/events} and reloads the list fragment), approve and deny with a comment,
 * and the history of decisions. Forms work without script too (a plain POST and a redirect).
 */
public final class ApprovalPages {

  private static final int HISTORY = 30;

  private final Pages pages;
  private final ApprovalService approvals;

  public ApprovalPages(Pages pages, ApprovalService approvals) {
    this.pages = pages;
    this.approvals = approvals;
  }

  public void register(Javalin app) {
    app.get("/approvals", this::page);
    app.get("/approvals/list", this::fragment);
    app.get("/approvals/badge", this::badge);
    app.post("/approvals/{id}/approve", ctx -> decide(ctx, ApprovalState.APPROVED));
    app.post("/approvals/{id}/deny", ctx -> decide(ctx, ApprovalState.DENIED));
  }

  private Map<String, Object> lists(Caller.User user) {
    Instant now = approvals.store().clock().instant();
    List<ApprovalView> pending =
        approvals.pending(user.accountId()).stream().map(r -> ApprovalView.of(r, now)).toList();
    List<ApprovalView> history =
        approvals.store().history(user.accountId(), HISTORY).stream()
            .map(r -> ApprovalView.of(r, now))
            .toList();
    Map<String, Object> p = new HashMap<>();
    p.put("pending", pending);
    p.put("history", history);
    p.put("csrf", user.csrfToken());
    return p;
  }

  private void page(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Map<String, Object> p = lists(user.get());
    p.put("notice", null);
    pages.renderFor(ctx, user.get(), "pages/approvals.jte", p);
  }

  private void fragment(Context ctx) {
    Optional<Caller.User> user = Guards.browserUser(ctx);
    if (user.isEmpty()) {
      ctx.status(HttpStatus.UNAUTHORIZED).result("");
      return;
    }
    pages.render(ctx, "pages/approvals_lists.jte", lists(user.get()));
  }

  private void badge(Context ctx) {
    Optional<Caller.User> user = Guards.browserUser(ctx);
    if (user.isEmpty()) {
      ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("pending", 0));
      return;
    }
    ctx.header("Cache-Control", "no-store");
    ctx.json(Map.of("pending", approvals.store().pendingCount(user.get().accountId())));
  }

  private void decide(Context ctx, ApprovalState to) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    String id = ctx.pathParam("id");
    Optional<String> comment = Optional.ofNullable(ctx.formParam("comment"));
    if (comment.isPresent() && comment.get().length() > NewApproval.MAX_REASON_CHARS) {
      comment = Optional.of(comment.get().substring(0, NewApproval.MAX_REASON_CHARS));
    }
    ApprovalStore.Outcome outcome =
        approvals.decide(
            id, user.get().accountId(), to, ApprovalApi.actor(ctx, user.get()), comment);
    HttpStatus status;
    String message;
    switch (outcome) {
      case ApprovalStore.Outcome.Changed c -> {
        status = HttpStatus.OK;
        message = "You " + (to == ApprovalState.APPROVED ? "approved" : "denied") + " it.";
      }
      case ApprovalStore.Outcome.AlreadyFinal f -> {
        status = HttpStatus.CONFLICT;
        message = "Not changed: " + ApprovalApi.standingMessage(f.standing()) + ".";
      }
      case ApprovalStore.Outcome.NotFound n -> {
        status = HttpStatus.NOT_FOUND;
        message = "There is no such request.";
      }
    }
    boolean script = Optional.ofNullable(ctx.header("Accept")).orElse("").contains("json");
    if (script) {
      ctx.status(status).json(Map.of("message", message, "status", status.getCode()));
      return;
    }
    Map<String, Object> p = lists(user.get());
    p.put("notice", message);
    ctx.status(status);
    pages.renderFor(ctx, user.get(), "pages/approvals.jte", p);
  }
}
