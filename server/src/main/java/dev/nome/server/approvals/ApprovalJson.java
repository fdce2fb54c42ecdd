package dev.nome.server.approvals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a request, the same in the API and in events. */
public final class ApprovalJson {

  private ApprovalJson() {}

  public static Map<String, Object> view(ApprovalRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("state", r.state().label());
    m.put("work_item_id", r.workItemId().orElse(null));
    m.put("run_id", r.runId());
    m.put("host_id", r.hostId());
    m.put("host", r.hostName());
    m.put("tool", r.tool());
    m.put("tier", r.tier().label());
    m.put("action", r.action());
    m.put("reason", r.reason());
    m.put("requested_at", r.requestedAt().toString());
    m.put("expires_at", r.expiresAt().toString());
    m.put("decided_at", r.decidedAt().map(Instant::toString).orElse(null));
    m.put("decided_by", r.decidedBy().orElse(null));
    m.put("decided_from", r.decidedFrom().orElse(null));
    m.put("comment", r.comment().orElse(null));
    return m;
  }
}
