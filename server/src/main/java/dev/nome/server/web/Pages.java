package dev.nome.server.web;

import dev.nome.server.http.Caller;
import dev.nome.server.http.Guards;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The server-rendered web UI: its sections, their navigation and the templates that draw them. */
public final class Pages {

  public static final List<SectionPage> SECTIONS =
      List.of(
          new SectionPage(
              "computers",
              "/computers",
              "Computers & Coding Accounts",
              "The computers paired with this control plane and the coding agents signed in on each.",
              "No computer is paired yet."),
          new SectionPage(
              "keys",
              "/keys",
              "Keys",
              "Provider API keys, kept encrypted. NOME never shows a key again after you add it.",
              "No key has been added yet."),
          new SectionPage(
              "approvals",
              "/approvals",
              "Approvals",
              "Tool calls waiting for a person to allow or deny them.",
              "Nothing is waiting for approval."),
          new SectionPage(
              "work-items",
              "/work-items",
              "Work items",
              "Tasks and the agent runs that worked on them, with their audit trails.",
              "No work item yet."));

  /** Sections drawn by their own handlers rather than the placeholder template. */
  private static final List<String> OWN_HANDLERS =
      List.of("computers", "keys", "approvals", "work-items");

  private static final List<NavItem> NAV = SECTIONS.stream().map(SectionPage::navItem).toList();

  private final TemplateEngine templates;

  /** Counts shown beside a navigation entry (the pending approvals), per signed-in person. */
  private volatile java.util.function.ToIntFunction<Caller.User> approvalsBadge = u -> 0;

  public Pages() {
    this.templates =
        TemplateEngine.createPrecompiled(
            null, ContentType.Html, Pages.class.getClassLoader(), "dev.nome.server.web.jte");
  }

  public void register(Javalin app) {
    app.get("/", ctx -> ctx.redirect("/work-items"));
    for (SectionPage page : SECTIONS) {
      if (OWN_HANDLERS.contains(page.navId())) {
        continue;
      }
      app.get(
          page.path(),
          ctx -> {
            Optional<Caller.User> user = signedIn(ctx);
            if (user.isEmpty()) {
              return;
            }
            renderFor(ctx, user.get(), "pages/section.jte", Map.of("page", page));
          });
    }
  }

  public void notFound(Context ctx) {
    render(ctx, "pages/not_found.jte", Map.of("path", ctx.path()));
  }

  public static List<NavItem> nav() {
    return NAV;
  }

  /** Where the Approvals entry's badge (the pending count) comes from. */
  public void badgeFrom(java.util.function.ToIntFunction<Caller.User> pendingApprovals) {
    this.approvalsBadge = pendingApprovals;
  }

  private List<NavItem> navFor(Caller.User user) {
    int pending;
    try {
      pending = approvalsBadge.applyAsInt(user);
    } catch (RuntimeException e) {
      pending = 0; // a badge must never break a page
    }
    int count = pending;
    return NAV.stream().map(n -> n.id().equals("approvals") ? n.withBadge(count) : n).toList();
  }

  /**
   * The browser user of this request; when there is none, redirects to the sign-in page and returns
   * empty (the handler then simply returns).
   */
  public static Optional<Caller.User> signedIn(Context ctx) {
    Optional<Caller.User> user = Guards.browserUser(ctx);
    if (user.isEmpty()) {
      ctx.redirect("/signin");
    }
    return user;
  }

  /** Renders a page for a signed-in person: the layout gets their name and CSRF token. */
  public void renderFor(
      Context ctx, Caller.User user, String template, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("csrf", user.csrfToken());
    all.put("user", user.account().username());
    all.put("nav", navFor(user));
    render(ctx, template, all);
  }

  public void render(Context ctx, String template, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.putIfAbsent("nav", NAV);
    StringOutput out = new StringOutput();
    templates.render(template, all, out);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }
}
