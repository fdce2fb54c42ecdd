package dev.nome.server.web;

import dev.nome.server.runs.Run;
import dev.nome.server.runs.RunRoute;
import java.time.Instant;

/** A run as the pages show it: every field a plain string (already scrubbed when stored). */
public record RunView(
    String id,
    String workItemId,
    String hostName,
    String route,
    String authLane,
    String costLane,
    String provider,
    String cli,
    String cliVersion,
    String model,
    String workspace,
    String role,
    String task,
    String status,
    boolean ended,
    String step,
    String reason,
    String message,
    long inputTokens,
    long outputTokens,
    String createdAt,
    String updatedAt,
    String endedAt) {

  public static RunView of(Run r, String hostName) {
    RunRoute rr = r.routeRecord();
    return new RunView(
        r.id(),
        r.workItemId(),
        hostName,
        r.route(),
        rr.authLane(),
        rr.costLane(),
        rr.provider().orElse("unknown"),
        rr.cli(),
        rr.cliVersion().orElse(""),
        rr.model().orElse("provider default"),
        r.workspace(),
        r.role(),
        r.task(),
        r.status().code(),
        r.status().terminal(),
        r.step().orElse(""),
        r.stopReason().orElse(""),
        r.stopMessage().orElse(""),
        r.inputTokens(),
        r.outputTokens(),
        r.createdAt().toString(),
        r.updatedAt().toString(),
        r.endedAt().map(Instant::toString).orElse(""));
  }
}
