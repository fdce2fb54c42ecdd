package dev.nome.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/runs}: what a host asks to start. For seat routes the host has resolved the seat
 * locally and reports the CLI, what its version command printed and the sign-in state its status
 * command reported ({@code seatAuth}: {@code signed-in}, {@code signed-out}, {@code not-installed},
 * {@code unknown-until-first-run} or {@code unknown}).
 */
public record StartRequest(
    @JsonProperty("workItemId") String workItemId,
    @JsonProperty("route") String route,
    @JsonProperty("workspace") String workspace,
    @JsonProperty("role") String role,
    @JsonProperty("task") String task,
    @JsonProperty("cli") String cli,
    @JsonProperty("cliVersion") String cliVersion,
    @JsonProperty("seatAuth") String seatAuth) {

  /** A byok run, or a seat run without a reported sign-in state. */
  public StartRequest(
      String workItemId,
      String route,
      String workspace,
      String role,
      String task,
      String cli,
      String cliVersion) {
    this(workItemId, route, workspace, role, task, cli, cliVersion, null);
  }
}
