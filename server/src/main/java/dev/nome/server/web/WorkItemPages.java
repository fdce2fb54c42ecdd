package dev.nome.server.web;

import dev.nome.server.hosts.Host;
import dev.nome.server.hosts.HostStore;
import dev.nome.server.http.Caller;
import dev.nome.server.http.Guards;
import dev.nome.server.runs.Run;
import dev.nome.server.runs.RunException;
import dev.nome.server.runs.RunService;
import dev.nome.server.runs.RunTimeline;
import dev.nome.server.runs.WorkItem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work items and runs in the web UI: the list with a form to create one, a work item with its runs
 * kept live (htmx polls a fragment every 2 s), and a run with its route record, stop reason,
 * tokens, receipt timeline, chain verification and artifacts (downloaded through the run API).
 */
public final class WorkItemPages {

  private final Pages pages;
  private final RunService runs;
  private final RunTimeline timeline;
  private final HostStore hosts;

  public WorkItemPages(Pages pages, RunService runs, RunTimeline timeline, HostStore hosts) {
    this.pages = pages;
    this.runs = runs;
    this.timeline = timeline;
    this.hosts = hosts;
  }

  public void register(Javalin app) {
    app.get("/work-items", ctx -> list(ctx, null));
    app.post("/work-items", this::create);
    app.get("/work-items/{id}", this::item);
    app.get("/work-items/{id}/runs", this::runsFragment);
    app.get("/runs/{id}", this::run);
    app.get("/runs/{id}/live", this::runFragment);
    app.post("/runs/{id}/stop", this::stop);
  }

  private void list(Context ctx, String error) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("items", runs.workItems(user.get().accountId()));
    p.put("error", error);
    pages.renderFor(ctx, user.get(), "pages/work_items.jte", p);
  }

  private void create(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    try {
      WorkItem w =
          runs.createWorkItem(
              user.get().accountId(),
              user.get().account().username(),
              ctx.formParam("title"),
              ctx.formParam("description"));
      ctx.redirect("/work-items/" + w.id(), HttpStatus.SEE_OTHER);
    } catch (RunException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      list(ctx, e.getMessage());
    }
  }

  private void item(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Optional<WorkItem> w = workItem(user.get(), ctx.pathParam("id"));
    if (w.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND);
      pages.notFound(ctx);
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("item", w.get());
    p.put("runs", views(runs.runsOf(w.get().id())));
    pages.renderFor(ctx, user.get(), "pages/work_item.jte", p);
  }

  private void runsFragment(Context ctx) {
    Optional<Caller.User> user = Guards.browserUser(ctx);
    Optional<WorkItem> w = user.flatMap(u -> workItem(u, ctx.pathParam("id")));
    if (w.isEmpty()) {
      ctx.status(user.isEmpty() ? HttpStatus.UNAUTHORIZED : HttpStatus.NOT_FOUND).result("");
      return;
    }
    pages.render(
        ctx,
        "pages/work_item_runs.jte",
        Map.of("item", w.get(), "runs", views(runs.runsOf(w.get().id()))));
  }

  private void run(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    Optional<Run> run = runOf(user.get(), ctx.pathParam("id"));
    if (run.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND);
      pages.notFound(ctx);
      return;
    }
    Map<String, Object> p = new HashMap<>(live(run.get()));
    p.put("item", runs.workItem(user.get().accountId(), run.get().workItemId()));
    pages.renderFor(ctx, user.get(), "pages/run.jte", p);
  }

  /** The Stop button: a form post (CSRF checked by the authenticator), then back to the run. */
  private void stop(Context ctx) {
    Optional<Caller.User> user = Pages.signedIn(ctx);
    if (user.isEmpty()) {
      return;
    }
    String id = ctx.pathParam("id");
    try {
      runs.stop(user.get().accountId(), id, user.get().account().username());
    } catch (RunException e) {
      if (e.kind() == RunException.Kind.NOT_FOUND) {
        ctx.status(HttpStatus.NOT_FOUND);
        pages.notFound(ctx);
        return;
      }
      // Already ended: the run page shows how.
    }
    ctx.redirect("/runs/" + id, HttpStatus.SEE_OTHER);
  }

  private void runFragment(Context ctx) {
    Optional<Caller.User> user = Guards.browserUser(ctx);
    Optional<Run> run = user.flatMap(u -> runOf(u, ctx.pathParam("id")));
    if (run.isEmpty()) {
      ctx.status(user.isEmpty() ? HttpStatus.UNAUTHORIZED : HttpStatus.NOT_FOUND).result("");
      return;
    }
    Map<String, Object> p = new HashMap<>(live(run.get()));
    p.put("csrf", user.get().csrfToken());
    pages.render(ctx, "pages/run_live.jte", p);
  }

  private Map<String, Object> live(Run run) {
    Map<String, Object> p = new HashMap<>();
    p.put("run", view(run));
    p.put("timeline", timeline.of(run));
    p.put("artifacts", runs.artifacts(run.id()));
    return p;
  }

  private Optional<WorkItem> workItem(Caller.User user, String id) {
    try {
      return Optional.of(runs.workItem(user.accountId(), id));
    } catch (RunException e) {
      return Optional.empty();
    }
  }

  private Optional<Run> runOf(Caller.User user, String id) {
    try {
      return Optional.of(runs.runOfAccount(user.accountId(), id));
    } catch (RunException e) {
      return Optional.empty();
    }
  }

  private List<RunView> views(List<Run> list) {
    Map<String, String> names = new HashMap<>();
    return list.stream()
        .map(
            r ->
                RunView.of(
                    r,
                    names.computeIfAbsent(
                        r.hostId(), id -> hosts.get(id).map(Host::name).orElse("a removed host"))))
        .toList();
  }

  private RunView view(Run r) {
    return views(List.of(r)).getFirst();
  }
}
