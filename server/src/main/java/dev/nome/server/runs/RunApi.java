package dev.nome.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nome.server.http.ApiError;
import dev.nome.server.http.Caller;
import dev.nome.server.http.ErrorBody;
import dev.nome.server.http.Guards;
import dev.nome.server.http.JsonBody;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/runs}: a paired host starts runs on itself and reports their status, usage and
 * artifacts; people read runs of their account and download artifacts. A host touches only its own
 * runs (403 for another host's). A person may stop a run ({@code POST /api/runs/{id}/stop}).
 * Receipts go to the audit API ({@code /api/runs/{id}/receipts}).
 */
public final class RunApi {

  public record UsageReport(
      @JsonProperty("inputTokens") long inputTokens,
      @JsonProperty("outputTokens") long outputTokens) {}

  private final RunService service;

  public RunApi(RunService service) {
    this.service = service;
  }

  public void register(Javalin app) {
    app.post("/api/runs", this::start);
    app.get("/api/runs/{id}", this::get);
    app.post("/api/runs/{id}/status", this::status);
    app.post("/api/runs/{id}/usage", this::usage);
    app.post("/api/runs/{id}/stop", this::stop);
    app.put("/api/runs/{id}/artifacts/{name}", this::putArtifact);
    app.get("/api/runs/{id}/artifacts", this::listArtifacts);
    app.get("/api/runs/{id}/artifacts/{name}", this::download);
  }

  private void start(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    StartRequest req = JsonBody.read(ctx, StartRequest.class);
    try {
      switch (service.start(host.hostId(), host.accountId(), req)) {
        case RunService.StartResult.Started s -> ctx.status(HttpStatus.CREATED).json(started(s));
        case RunService.StartResult.Refused r -> {
          // The error shape, plus the run that was recorded as stopped with this reason.
          Map<String, Object> body = new LinkedHashMap<>();
          body.put(
              "error", new ErrorBody.Detail(r.refusal().reason().code(), r.refusal().message()));
          body.put("run", RunJson.run(r.run()));
          ctx.status(HttpStatus.CONFLICT).json(body);
        }
      }
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  private static Map<String, Object> started(RunService.StartResult.Started s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.run().id());
    m.put("workItemId", s.run().workItemId());
    m.put("status", s.run().status().code());
    m.put("route", s.run().route());
    m.put("routeRecord", RunJson.routeRecord(s.run().routeRecord()));
    return m;
  }

  private void get(Context ctx) {
    try {
      ctx.json(RunJson.run(readable(ctx)));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  /** The run for a person of its account or for its own host. */
  private Run readable(Context ctx) {
    String id = ctx.pathParam("id");
    return switch (Guards.caller(ctx)) {
      case Caller.User u -> service.runOfAccount(u.accountId(), id);
      case Caller.Host h -> service.runOfHost(h.hostId(), id);
      case Caller.Anonymous a ->
          throw new ApiError(
              HttpStatus.UNAUTHORIZED, "unauthorized", "sign in or use a device token");
    };
  }

  private void status(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    StatusReport report = JsonBody.read(ctx, StatusReport.class);
    try {
      ctx.json(RunJson.run(service.report(host.hostId(), ctx.pathParam("id"), report)));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  /** A person stops a run of their account (browser with CSRF, or CLI token). */
  private void stop(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    try {
      ctx.json(
          RunJson.run(
              service.stop(user.accountId(), ctx.pathParam("id"), user.account().username())));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  private void usage(Context ctx) {
    Caller.Host host = Guards.requireHost(ctx);
    UsageReport u = JsonBody.read(ctx, UsageReport.class);
    try {
      Run run =
          service.addUsage(host.hostId(), ctx.pathParam("id"), u.inputTokens(), u.outputTokens());
      ctx.json(Map.of("inputTokens", run.inputTokens(), "outputTokens", run.outputTokens()));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  private void putArtifact(Context ctx) throws IOException {
    Caller.Host host = Guards.requireHost(ctx);
    if (ctx.contentLength() > RunService.MAX_ARTIFACT_BYTES) {
      throw new ApiError(
          HttpStatus.CONTENT_TOO_LARGE,
          "too_large",
          "an artifact may be at most " + RunService.MAX_ARTIFACT_BYTES + " bytes");
    }
    try {
      Artifact a =
          service.putArtifact(
              host.hostId(),
              ctx.pathParam("id"),
              ctx.pathParam("name"),
              ctx.contentType(),
              ctx.bodyInputStream());
      ctx.status(HttpStatus.CREATED).json(RunJson.artifact(a));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  private void listArtifacts(Context ctx) {
    try {
      Run run = readable(ctx);
      ctx.json(
          Map.of(
              "artifacts", service.artifacts(run.id()).stream().map(RunJson::artifact).toList()));
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }

  private void download(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    try {
      Run run = service.runOfAccount(user.accountId(), ctx.pathParam("id"));
      ArtifactStore.Content c =
          service
              .artifact(run.id(), ctx.pathParam("name"))
              .orElseThrow(() -> RunException.notFound("no such artifact"));
      Downloads.send(ctx, c);
    } catch (RunException e) {
      throw ApiErrors.of(e);
    }
  }
}
