package dev.nome.server.approvals;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nome.core.Tier;
import dev.nome.server.accounts.TokenHash;
import dev.nome.server.http.ApiError;
import dev.nome.server.http.Authenticator;
import dev.nome.server.http.Caller;
import dev.nome.server.http.Guards;
import dev.nome.server.http.JsonBody;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approval API.
 *
 * <ul>
 *   <li>Hosts (device token): {@code POST /api/approvals} raises a request; {@code POST
 *       /api/approvals/{id}/cancel} and {@code POST /api/approvals/cancel-run} withdraw their own.
 *   <li>People (session or CLI token): {@code GET /api/approvals} lists pending and decided
 *       requests; {@code POST /api/approvals/{id}/approve} and {@code …/deny} decide. A device
 *       token can never decide (403). A decision on a request that is no longer pending gets 409
 *       with the decision that stands.
 *   <li>Both: {@code GET /api/approvals/{id}} (a host sees only its own) and the event stream
 *       {@code GET /api/approvals/events} (SSE; resumes after {@code Last-Event-ID} or {@code
 *       ?after=}).
 * </ul>
 */
public final class ApprovalApi {

  public static final String EVENTS_PATH = "/api/approvals/events";
  private static final int HISTORY = 50;

  /** The body of a raise. {@code expires_in_seconds} comes from the host's policy. */
  public record RaiseBody(
      @JsonProperty("work_item_id") String workItemId,
      @JsonProperty("run_id") String runId,
      @JsonProperty("tool") String tool,
      @JsonProperty("tier") String tier,
      @JsonProperty("action") String action,
      @JsonProperty("reason") String reason,
      @JsonProperty("expires_in_seconds") Long expiresInSeconds) {}

  public record DecisionBody(@JsonProperty("comment") String comment) {}

  public record CancelBody(
      @JsonProperty("reason") String reason, @JsonProperty("run_id") String runId) {}

  private final ApprovalService approvals;

  public ApprovalApi(ApprovalService approvals) {
    this.approvals = approvals;
  }

  public void register(Javalin app) {
    // The guard runs before the stream opens, so a refused caller gets a plain 401.
    app.before(EVENTS_PATH, ApprovalApi::requireUserOrHost);
    app.sse(EVENTS_PATH, this::events);
    app.post("/api/approvals", this::raise);
    app.get("/api/approvals", this::list);
    app.post("/api/approvals/cancel-run", this::cancelRun);
    app.get("/api/approvals/{id}", this::get);
    app.post("/api/approvals/{id}/approve", ctx -> decide(ctx, ApprovalState.APPROVED));
    app.post("/api/approvals/{id}/deny", ctx -> decide(ctx, ApprovalState.DENIED));
    app.post("/api/approvals/{id}/cancel", this::cancel);
  }

  private static Caller requireUserOrHost(Context ctx) {
    Caller c = Guards.caller(ctx);
    if (c instanceof Caller.Anonymous) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, "unauthorized", "sign in first");
    }
    return c;
  }

  private void events(SseClient client) {
    Audience audience =
        switch (requireUserOrHost(client.ctx())) {
          case Caller.User u -> new Audience.OfAccount(u.accountId());
          case Caller.Host h -> new Audience.OfHost(h.hostId());
          case Caller.Anonymous a -> throw new IllegalStateException("refused by the guard");
        };
    approvals.hub().subscribe(audience, client, lastEventId(client.ctx()));
  }

  /** {@code Last-Event-ID} (what EventSource sends on reconnect) or {@code ?after=}. */
  static Long lastEventId(Context ctx) {
    String v = ctx.header("Last-Event-ID");
    if (v == null || v.isBlank()) {
      v = ctx.queryParam("after");
    }
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return 0L; // unreadable: replay everything this caller may see rather than miss something
    }
  }

  private void raise(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    RaiseBody b = JsonBody.read(ctx, RaiseBody.class);
    NewApproval n;
    try {
      Tier tier = Tier.parse(b.tier() == null ? "" : b.tier());
      long seconds =
          b.expiresInSeconds() == null ? NewApproval.DEFAULT_TTL.toSeconds() : b.expiresInSeconds();
      n =
          new NewApproval(
              Optional.ofNullable(b.workItemId()),
              b.runId(),
              b.tool(),
              tier,
              approvals.scrub(b.action()),
              approvals.scrub(b.reason()),
              Duration.ofSeconds(seconds));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    ApprovalStore.Raised r = approvals.raise(host.accountId(), host.hostId(), host.name(), n);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("request", ApprovalJson.view(r.request()));
    out.put("event_id", r.eventId());
    ctx.status(HttpStatus.CREATED).json(out);
  }

  private void list(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    long last = approvals.store().lastEventId();
    List<Map<String, Object>> pending =
        approvals.pending(user.accountId()).stream().map(ApprovalJson::view).toList();
    List<Map<String, Object>> history =
        approvals.store().history(user.accountId(), HISTORY).stream()
            .map(ApprovalJson::view)
            .toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pending", pending);
    out.put("history", history);
    out.put("last_event_id", last);
    ctx.json(out);
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    Caller caller = requireUserOrHost(ctx);
    ApprovalRequest r =
        approvals
            .get(id)
            .filter(
                x ->
                    switch (caller) {
                      case Caller.User u -> x.accountId().equals(u.accountId());
                      case Caller.Host h -> x.hostId().equals(h.hostId());
                      case Caller.Anonymous a -> false;
                    })
            .orElseThrow(() -> ApiError.notFound("no approval request " + id));
    ctx.json(Map.of("request", ApprovalJson.view(r)));
  }

  private void decide(Context ctx, ApprovalState to) {
    Caller.User user = Guards.requireUser(ctx);
    Optional<String> comment = Optional.empty();
    if (hasBody(ctx)) {
      comment = Optional.ofNullable(JsonBody.read(ctx, DecisionBody.class).comment());
    }
    if (comment.isPresent() && comment.get().length() > NewApproval.MAX_REASON_CHARS) {
      throw ApiError.badRequest(
          "the comment must have at most " + NewApproval.MAX_REASON_CHARS + " characters");
    }
    String id = ctx.pathParam("id");
    switch (approvals.decide(id, user.accountId(), to, actor(ctx, user), comment)) {
      case ApprovalStore.Outcome.Changed c ->
          ctx.json(Map.of("request", ApprovalJson.view(c.request())));
      case ApprovalStore.Outcome.AlreadyFinal f -> conflict(ctx, f.standing());
      case ApprovalStore.Outcome.NotFound nf ->
          throw ApiError.notFound("no approval request " + id);
    }
  }

  /** 409 with the decision that stands, in the usual error shape plus the request. */
  static void conflict(Context ctx, ApprovalRequest standing) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", "already_decided");
    error.put("message", standingMessage(standing));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("error", error);
    out.put("request", ApprovalJson.view(standing));
    ctx.status(HttpStatus.CONFLICT).json(out);
  }

  /** "already approved by alice (browser)", "already expired", … */
  public static String standingMessage(ApprovalRequest r) {
    String by =
        r.decidedBy()
            .filter(b -> !b.equals("system"))
            .map(b -> " by " + b + r.decidedFrom().map(f -> " (" + f + ")").orElse(""))
            .orElse("");
    return "this request was already " + r.state().label() + by;
  }

  private void cancel(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    String reason = "cancelled by the host";
    if (hasBody(ctx)) {
      CancelBody b = JsonBody.read(ctx, CancelBody.class);
      if (b.reason() != null && !b.reason().isBlank()) {
        reason = b.reason().strip();
      }
    }
    if (reason.length() > NewApproval.MAX_REASON_CHARS) {
      throw ApiError.badRequest("the reason is too long");
    }
    String id = ctx.pathParam("id");
    switch (approvals.cancel(id, host.hostId(), host.name(), reason)) {
      case ApprovalStore.Outcome.Changed c ->
          ctx.json(Map.of("request", ApprovalJson.view(c.request())));
      default -> {
        ApprovalRequest r =
            approvals
                .get(id)
                .filter(x -> x.hostId().equals(host.hostId()))
                .orElseThrow(() -> ApiError.notFound("no approval request " + id));
        conflict(ctx, r);
      }
    }
  }

  private void cancelRun(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    CancelBody b = JsonBody.read(ctx, CancelBody.class);
    if (b.runId() == null || b.runId().isBlank()) {
      throw ApiError.badRequest("field \"run_id\" is missing");
    }
    int n = approvals.cancelRun(host.hostId(), host.name(), b.runId());
    ctx.json(Map.of("cancelled", n));
  }

  private static boolean hasBody(Context ctx) {
    return ctx.contentLength() > 0;
  }

  /** The person and the device a decision comes from, for the audit trail. */
  public static Actor actor(Context ctx, Caller.User user) {
    String device;
    if (user.channel() == Caller.Channel.BROWSER) {
      String cookie = ctx.cookie(Authenticator.SESSION_COOKIE);
      device = "browser:" + shortHash(cookie);
    } else {
      String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
      device = "cli:" + shortHash(auth.replaceFirst("^Bearer\\s+", ""));
    }
    return new Actor(user.accountId(), user.account().username(), device);
  }

  /** A prefix of the credential's stored SHA-256: names the session or token, reveals nothing. */
  private static String shortHash(String secret) {
    return secret == null ? "unknown" : TokenHash.of(secret).substring(0, 12);
  }
}
