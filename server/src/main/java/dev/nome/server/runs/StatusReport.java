package dev.nome.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/runs/{id}/status}: where the host's run stands now.
 *
 * @param status one of {@link RunState}'s codes, except {@code starting}
 * @param step what the run is doing now (scrubbed on arrival)
 * @param reason a typed stop reason, for {@code failed} and {@code stopped} only
 * @param message a sentence about the end (scrubbed on arrival), for final states only
 */
public record StatusReport(
    @JsonProperty("status") String status,
    @JsonProperty("step") String step,
    @JsonProperty("reason") String reason,
    @JsonProperty("message") String message) {}
