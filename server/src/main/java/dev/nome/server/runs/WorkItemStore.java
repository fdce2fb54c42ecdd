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

/** Work items, per account. Callers pass text that the scrubber already ran over. */
public final class WorkItemStore {

  private static final String COLUMNS =
      "id, account_id, title, description, created_by, created_at";

  private final Jdbi jdbi;
  private final Clock clock;

  public WorkItemStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public WorkItem create(String accountId, String title, String description, String createdBy) {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO work_item (id, account_id, title, description, created_by,"
                        + " created_at) VALUES (:id, :a, :t, :d, :by, :now)")
                .bind("id", id)
                .bind("a", accountId)
                .bind("t", title)
                .bind("d", description)
                .bind("by", createdBy)
                .bind("now", now)
                .execute());
    return new WorkItem(id, accountId, title, description, createdBy, Instant.ofEpochMilli(now));
  }

  public Optional<WorkItem> get(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM work_item WHERE id = :id")
                .bind("id", id)
                .map(WorkItemStore::map)
                .findFirst());
  }

  /** The account's work items, newest first. */
  public List<WorkItem> list(String accountId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM work_item WHERE account_id = :a ORDER BY created_at DESC, id")
                .bind("a", accountId)
                .map(WorkItemStore::map)
                .list());
  }

  private static WorkItem map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new WorkItem(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("created_by"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
