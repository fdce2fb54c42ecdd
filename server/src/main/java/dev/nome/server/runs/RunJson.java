package dev.nome.server.runs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of work items, runs and artifacts (camelCase members, times as ISO-8601). */
public final class RunJson {

  private RunJson() {}

  public static Map<String, Object> workItem(WorkItem w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.id());
    m.put("title", w.title());
    m.put("description", w.description());
    m.put("createdBy", w.createdBy());
    m.put("createdAt", w.createdAt().toString());
    return m;
  }

  public static Map<String, Object> workItem(WorkItem w, List<Run> runs) {
    Map<String, Object> m = workItem(w);
    m.put("runs", runs.stream().map(RunJson::run).toList());
    return m;
  }

  public static Map<String, Object> routeRecord(RunRoute r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("authLane", r.authLane());
    m.put("costLane", r.costLane());
    m.put("provider", r.provider().orElse(null));
    m.put("cli", r.cli());
    m.put("cliVersion", r.cliVersion().orElse(null));
    m.put("model", r.model().orElse(null));
    return m;
  }

  public static Map<String, Object> run(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("workItemId", r.workItemId());
    m.put("hostId", r.hostId());
    m.put("route", r.route());
    m.put("routeRecord", routeRecord(r.routeRecord()));
    m.put("workspace", r.workspace());
    m.put("role", r.role());
    m.put("task", r.task());
    m.put("status", r.status().code());
    m.put("step", r.step().orElse(null));
    m.put("reason", r.stopReason().orElse(null));
    m.put("message", r.stopMessage().orElse(null));
    m.put("inputTokens", r.inputTokens());
    m.put("outputTokens", r.outputTokens());
    m.put("createdAt", r.createdAt().toString());
    m.put("updatedAt", r.updatedAt().toString());
    m.put("endedAt", r.endedAt().map(Instant::toString).orElse(null));
    return m;
  }

  public static Map<String, Object> artifact(Artifact a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("mediaType", a.mediaType());
    m.put("size", a.size());
    m.put("sha256", a.sha256());
    m.put("createdAt", a.createdAt().toString());
    return m;
  }
}
