package dev.nome.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nome.server.http.ApiError;
import dev.nome.server.http.Caller;
import dev.nome.server.http.Guards;
import dev.nome.server.http.JsonBody;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/work-items}: people (browser session or CLI token) and paired hosts create and read
 * the work items of their account. A host sees only its own runs under a work item.
 */
public final class WorkItemApi {

  public record CreateRequest(
      @JsonProperty("title") String title, @JsonProperty("description") String description) {}

  private final RunService service;

  public WorkItemApi(RunService service) {
    this.service = service;
  }

  public void register(Javalin app) {
    app.post("/api/work-items", this::create);
    app.get("/api/work-items", this::list);
    app.get("/api/work-items/{id}", this::get);
  }

  /** The account a caller acts for and how it is named as a creator. */
  private record Who(String accountId, String name, String hostId) {}

  private static Who who(Context ctx) {
    return switch (Guards.caller(ctx)) {
      case Caller.User u -> new Who(u.accountId(), u.account().username(), null);
      case Caller.Host h -> new Who(h.accountId(), "host:" + h.name(), h.hostId());
      case Caller.Anonymous a ->
          throw new ApiError(
              HttpStatus.UNAUTHORIZED, "unauthorized", "sign in or use a device token");
    };
  }

  private void create(Context ctx) {
    Who who = who(ctx);
    CreateRequest req = JsonBody.read(ctx, CreateRequest.class);
    try {
      WorkItem w =
          service.createWorkItem(who.accountId(), who.name(), req.title(), req.description());
      ctx.status(HttpStatus.CREATED).json(RunJson.workItem(w));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  private void list(Context ctx) {
    Who who = who(ctx);
    List<Map<String, Object>> items =
        service.workItems(who.accountId()).stream().map(RunJson::workItem).toList();
    ctx.json(Map.of("workItems", items));
  }

  private void get(Context ctx) {
    Who who = who(ctx);
    try {
      WorkItem w = service.workItem(who.accountId(), ctx.pathParam("id"));
      List<Run> runs =
          service.runsOf(w.id()).stream()
              .filter(r -> who.hostId() == null || r.hostId().equals(who.hostId()))
              .toList();
      ctx.json(RunJson.workItem(w, runs));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }
}
