package dev.nome.runner.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.Scrubber;
import dev.nome.runner.control.RevokedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link RunRegistry} over HTTP with the device token, per the shared contract of the runs API.
 *
 * <p>A 409 from {@code POST /api/runs} is the route failing closed: {@link RunRefused} with the
 * typed reason; the server has recorded the run as stopped.
 */
public final class RunsClient implements RunRegistry {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI server;
  private final String deviceToken;
  private final Scrubber scrubber;
  private final HttpClient http;

  public RunsClient(URI server, String deviceToken, Scrubber scrubber) {
    this.server = server;
    this.deviceToken = deviceToken;
    this.scrubber = scrubber;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @Override
  public CreatedRun create(NewRun run) throws RunRefused, IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("workItemId", run.workItemId());
    body.put("route", run.route());
    body.put("workspace", scrubber.scrub(run.workspace()).value());
    body.put("role", run.role());
    body.put("task", scrubber.scrub(run.task()).value());
    run.cli().ifPresent(c -> body.put("cli", c));
    run.cliVersion().ifPresent(v -> body.put("cliVersion", scrubber.scrub(v).value()));
    run.seatAuth().ifPresent(a -> body.put("seatAuth", a));
    HttpResponse<String> res = post("/api/runs", body);
    JsonNode json = JSON.readTree(res.body());
    if (res.statusCode() == 409) {
      String code = json.at("/error/code").asText("");
      JsonNode stopped = json.at("/run/id");
      throw new RunRefused(
          StopReason.parse(code).orElse(StopReason.INTERNAL_ERROR),
          json.at("/error/message").asText(code),
          stopped.isTextual() ? Optional.of(stopped.asText()) : Optional.empty());
    }
    check(res);
    JsonNode r = json.path("routeRecord");
    return new CreatedRun(
        json.path("id").asText(),
        json.path("workItemId").asText(),
        json.path("status").asText(),
        new ResolvedRoute(
            r.path("authLane").asText(),
            r.path("costLane").asText(),
            text(r, "provider"),
            r.path("cli").asText(),
            text(r, "cliVersion"),
            text(r, "model")));
  }

  @Override
  public void status(
      String runId,
      String status,
      Optional<String> step,
      Optional<StopReason> reason,
      Optional<String> message)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", status);
    step.ifPresent(s -> body.put("step", scrubber.scrub(s).value()));
    reason.ifPresent(r -> body.put("reason", r.code()));
    message.ifPresent(m -> body.put("message", scrubber.scrub(m).value()));
    check(post("/api/runs/" + runId + "/status", body));
  }

  @Override
  public void usage(String runId, long inputTokens, long outputTokens)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("inputTokens", inputTokens);
    body.put("outputTokens", outputTokens);
    check(post("/api/runs/" + runId + "/usage", body));
  }

  @Override
  public String createWorkItem(String title, String description)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("title", scrubber.scrub(title).value());
    body.put("description", scrubber.scrub(description).value());
    HttpResponse<String> res = post("/api/work-items", body);
    check(res);
    String id = JSON.readTree(res.body()).path("id").asText("");
    if (id.isEmpty()) {
      throw new IOException("the control plane did not answer with the work item's id");
    }
    return id;
  }

  @Override
  public void putArtifact(String runId, String name, byte[] content)
      throws IOException, InterruptedException {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(
                    server.resolve(
                        "/api/runs/"
                            + runId
                            + "/artifacts/"
                            + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + deviceToken)
                .header("Content-Type", "text/plain; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 401) {
      throw new RevokedException();
    }
    check(res);
  }

  /**
   * Tells the control plane that {@code runId} stopped before its end because its runner on this
   * host did: found when the run's journal or seat folder is no longer held by a live process.
   */
  public void stoppedWithItsRunner(String runId) throws IOException, InterruptedException {
    status(
        runId,
        "stopped",
        Optional.empty(),
        Optional.of(StopReason.INTERNAL_ERROR),
        Optional.of("the runner on this computer stopped before the run ended"));
  }

  /** Where {@code runId} stands for this host ({@link RunStanding#ask}). */
  public RunStanding standing(String runId) throws IOException, InterruptedException {
    return RunStanding.ask(http, server, deviceToken, runId, TIMEOUT);
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  private HttpResponse<String> post(String path, ObjectNode body)
      throws IOException, InterruptedException {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(server.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + deviceToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 401) {
      throw new RevokedException();
    }
    return res;
  }

  private static void check(HttpResponse<String> res) throws IOException {
    if (res.statusCode() >= 300) {
      String message;
      try {
        message = JSON.readTree(res.body()).at("/error/message").asText("");
      } catch (IOException e) {
        message = "";
      }
      throw new IOException(
          "the control plane answered "
              + res.statusCode()
              + (message.isEmpty() ? "" : ": " + message));
    }
  }
}
