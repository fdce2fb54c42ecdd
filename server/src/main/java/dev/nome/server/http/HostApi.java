package dev.nome.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.server.hosts.Host;
import dev.nome.server.hosts.HostEvents;
import dev.nome.server.hosts.HostStore;
import dev.nome.server.hosts.SeatReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts. For people: {@code GET /api/hosts}, {@code POST /api/hosts/{id}/revoke}. For a host's own
 * runner (device token): {@code GET /api/hosts/me}, {@code PUT /api/hosts/me/seats}, {@code DELETE
 * /api/hosts/me} (unpair) and the event stream {@code GET /api/hosts/me/events} (SSE), which closes
 * when the host is revoked.
 */
public final class HostApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HostStore hosts;
  private final HostEvents events;

  public HostApi(HostStore hosts, HostEvents events) {
    this.hosts = hosts;
    this.events = events;
  }

  public void register(Javalin app) {
    app.get("/api/hosts", this::list);
    app.post("/api/hosts/{id}/revoke", this::revoke);
    app.post("/api/hosts/{id}/report-seats", this::askForSeats);
    app.get("/api/hosts/me", this::me);
    app.put("/api/hosts/me/seats", this::seats);
    app.delete("/api/hosts/me", this::unpair);
    // The guard runs before the stream opens, so a refused caller gets a plain 401/403.
    app.before("/api/hosts/me/events", Guards::requireHost);
    app.sse(
        "/api/hosts/me/events",
        client -> {
          Caller.Host host = Guards.requireHost(client.ctx());
          events.open(host.hostId(), client);
        });
  }

  private void list(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    List<Map<String, Object>> out =
        hosts.list(user.accountId()).stream().map(HostApi::view).toList();
    ctx.json(Map.of("hosts", out));
  }

  static Map<String, Object> view(Host h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", h.id());
    m.put("name", h.name());
    m.put("os", h.os());
    m.put("user", h.osUser());
    m.put("paired_at", h.pairedAt().toString());
    m.put("last_seen_at", h.lastSeenAt().map(Object::toString).orElse(null));
    m.put("revoked_at", h.revokedAt().map(Object::toString).orElse(null));
    try {
      m.put("seats", h.seatsJson().isPresent() ? JSON.readTree(h.seatsJson().get()) : null);
    } catch (java.io.IOException e) {
      m.put("seats", null);
    }
    return m;
  }

  private void revoke(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    String id = ctx.pathParam("id");
    if (!hosts.revoke(
        id, user.accountId(), "account:" + user.accountId(), "revoked by its owner")) {
      throw ApiError.notFound("no unrevoked host " + id + " in this account");
    }
    events.revoked(id);
    ctx.json(Map.of("revoked", id));
  }

  /** Asks the host's runner to report its provider CLI states again (over its event stream). */
  private void askForSeats(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    String id = ctx.pathParam("id");
    boolean own =
        hosts
            .get(id)
            .filter(h -> h.accountId().equals(user.accountId()) && !h.revoked())
            .isPresent();
    if (!own) {
      throw ApiError.notFound("no unrevoked host " + id + " in this account");
    }
    events.send(id, "report-seats", "{}");
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("asked", id, "streams", events.openStreams(id)));
  }

  private void me(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    ctx.json(Map.of("host_id", host.hostId(), "name", host.name()));
  }

  private void seats(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    SeatReport report = JsonBody.read(ctx, SeatReport.class);
    String problem = report.problem();
    if (problem != null) {
      throw ApiError.badRequest(problem);
    }
    try {
      hosts.reportSeats(host.hostId(), JSON.writeValueAsString(report));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.badRequest("the seat report cannot be stored");
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void unpair(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    hosts.revoke(host.hostId(), host.accountId(), "host:" + host.hostId(), "unpaired on the host");
    events.revoked(host.hostId());
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
