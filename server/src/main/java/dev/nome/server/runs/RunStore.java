package dev.nome.server.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Runs and their state. A status change is one conditional {@code UPDATE … WHERE status NOT IN
 * (final states)}, so once a run has ended no later or concurrent report changes it.
 */
public final class RunStore {

  private static final String COLUMNS =
      "id, work_item_id, host_id, account_id, route, auth_lane, cost_lane, provider, cli,"
          + " cli_version, model, key_name, workspace, role, task, status, stop_reason,"
          + " stop_message, current_step, input_tokens, output_tokens, created_at, updated_at,"
          + " ended_at";

  private final Jdbi jdbi;
  private final Clock clock;

  public RunStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** What a new run is made of; content fields already scrubbed. */
  public record NewRun(
      String workItemId,
      String hostId,
      String accountId,
      String route,
      RunRoute routeRecord,
      Optional<String> keyName,
      Optional<String> keyId,
      String workspace,
      String role,
      String task) {}

  /**
   * Records a run: {@code starting}, or when {@code refused} is given, already {@code stopped} with
   * that reason (a route that could not be resolved still shows on its work item).
   */
  public Run create(NewRun n, Optional<Refusal> refused) {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    RunRoute r = n.routeRecord();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO agent_run (id, work_item_id, host_id, account_id, route,"
                        + " auth_lane, cost_lane, provider, cli, cli_version, model, key_name, key_id,"
                        + " workspace, role, task, status, stop_reason, stop_message, created_at,"
                        + " updated_at, ended_at) VALUES (:id, :w, :h, :a, :route, :al, :cl, :p,"
                        + " :cli, :cv, :m, :k, :kid, :ws, :role, :task, :st, :sr, :sm, :now, :now,"
                        + " :ended)")
                .bind("id", id)
                .bind("w", n.workItemId())
                .bind("h", n.hostId())
                .bind("a", n.accountId())
                .bind("route", n.route())
                .bind("al", r.authLane())
                .bind("cl", r.costLane())
                .bind("p", r.provider().orElse(null))
                .bind("cli", r.cli())
                .bind("cv", r.cliVersion().orElse(null))
                .bind("m", r.model().orElse(null))
                .bind("k", n.keyName().orElse(null))
                .bind("kid", n.keyId().orElse(null))
                .bind("ws", n.workspace())
                .bind("role", n.role())
                .bind("task", n.task())
                .bind(
                    "st", refused.isPresent() ? RunState.STOPPED.code() : RunState.STARTING.code())
                .bind("sr", refused.map(x -> x.reason().code()).orElse(null))
                .bind("sm", refused.map(Refusal::message).orElse(null))
                .bind("now", now)
                .bind("ended", refused.isPresent() ? now : null)
                .execute());
    return get(id).orElseThrow();
  }

  public Optional<Run> get(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM agent_run WHERE id = :id")
                .bind("id", id)
                .map(RunStore::map)
                .findFirst());
  }

  /** The runs of a work item, oldest first. */
  public List<Run> ofWorkItem(String workItemId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM agent_run WHERE work_item_id = :w ORDER BY created_at, id")
                .bind("w", workItemId)
                .map(RunStore::map)
                .list());
  }

  /** The ids of a host's runs that have not ended. */
  public List<String> openRunsOfHost(String hostId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM agent_run WHERE host_id = :h AND status NOT IN "
                        + RunState.TERMINAL_SQL)
                .bind("h", hostId)
                .mapTo(String.class)
                .list());
  }

  /**
   * Moves a run that has not ended to {@code to}. For a final state, {@code reason} and {@code
   * message} are kept and the end time is set; {@code step}, when given, replaces the current step.
   * Returns false when the run had already ended (or does not exist): nothing changed.
   */
  public boolean transition(
      String id,
      RunState to,
      Optional<String> step,
      Optional<String> reason,
      Optional<String> message) {
    long now = clock.millis();
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE agent_run SET status = :st, updated_at = :now,"
                            + " current_step = COALESCE(:step, current_step),"
                            + " stop_reason = :sr, stop_message = :sm, ended_at = :ended"
                            + " WHERE id = :id AND status NOT IN "
                            + RunState.TERMINAL_SQL)
                    .bind("st", to.code())
                    .bind("now", now)
                    .bind("step", step.orElse(null))
                    .bind("sr", to.terminal() ? reason.orElse(null) : null)
                    .bind("sm", to.terminal() ? message.orElse(null) : null)
                    .bind("ended", to.terminal() ? Long.valueOf(now) : null)
                    .bind("id", id)
                    .execute())
        > 0;
  }

  /** Adds token counts to a run. */
  public void addUsage(String id, long inputTokens, long outputTokens) {
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE agent_run SET input_tokens = input_tokens + :i,"
                        + " output_tokens = output_tokens + :o, updated_at = :now WHERE id = :id")
                .bind("i", inputTokens)
                .bind("o", outputTokens)
                .bind("now", now)
                .bind("id", id)
                .execute());
  }

  /** A byok run that has not ended, for the model proxy; empty for any other run. */
  public Optional<ByokRun> byokRun(String runId) {
    Optional<String> keyId =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT key_id FROM agent_run WHERE id = :id")
                    .bind("id", runId)
                    .mapTo(String.class)
                    .findFirst());
    return get(runId)
        .filter(r -> !r.status().terminal())
        .filter(r -> RunRoute.BYOK.equals(r.routeRecord().authLane()))
        .filter(r -> r.keyName().isPresent() && r.routeRecord().provider().isPresent())
        .filter(r -> keyId.isPresent())
        .map(
            r ->
                new ByokRun(
                    r.id(),
                    r.hostId(),
                    r.accountId(),
                    r.keyName().get(),
                    keyId.get(),
                    r.routeRecord().model(),
                    r.routeRecord().provider().get()));
  }

  private static Run map(ResultSet rs, StatementContext ctx) throws SQLException {
    long ended = rs.getLong("ended_at");
    boolean endedNull = rs.wasNull();
    return new Run(
        rs.getString("id"),
        rs.getString("work_item_id"),
        rs.getString("host_id"),
        rs.getString("account_id"),
        rs.getString("route"),
        new RunRoute(
            rs.getString("auth_lane"),
            rs.getString("cost_lane"),
            Optional.ofNullable(rs.getString("provider")),
            rs.getString("cli"),
            Optional.ofNullable(rs.getString("cli_version")),
            Optional.ofNullable(rs.getString("model"))),
        Optional.ofNullable(rs.getString("key_name")),
        rs.getString("workspace"),
        rs.getString("role"),
        rs.getString("task"),
        RunState.parse(rs.getString("status")).orElse(RunState.FAILED),
        Optional.ofNullable(rs.getString("stop_reason")),
        Optional.ofNullable(rs.getString("stop_message")),
        Optional.ofNullable(rs.getString("current_step")),
        rs.getLong("input_tokens"),
        rs.getLong("output_tokens"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        endedNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended)));
  }
}
