package dev.nome.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/runs}: what a host asks to start. For seat routes the host has resolved the seat
 * locally and reports the CLI and what its version command printed.
 */
public record StartRequest(
    @JsonProperty("workItemId") String workItemId,
    @JsonProperty("route") String route,
    @JsonProperty("workspace") String workspace,
    @JsonProperty("role") String role,
    @JsonProperty("task") String task,
    @JsonProperty("cli") String cli,
    @JsonProperty("cliVersion") String cliVersion) {}
