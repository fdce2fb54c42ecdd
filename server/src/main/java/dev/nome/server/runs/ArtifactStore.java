package dev.nome.server.runs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Artifacts of runs, stored as scrubbed bytes; a second upload under a name replaces the first. */
public final class ArtifactStore {

  private final Jdbi jdbi;
  private final Clock clock;

  public ArtifactStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** An artifact with its bytes. */
  public record Content(Artifact artifact, byte[] bytes) {}

  public Artifact put(String runId, String name, String mediaType, byte[] scrubbed, String sha256) {
    long now = clock.millis();
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM run_artifact WHERE run_id = :r AND name = :n")
              .bind("r", runId)
              .bind("n", name)
              .execute();
          h.createUpdate(
                  "INSERT INTO run_artifact (run_id, name, media_type, size, sha256, content,"
                      + " created_at) VALUES (:r, :n, :t, :s, :d, :c, :now)")
              .bind("r", runId)
              .bind("n", name)
              .bind("t", mediaType)
              .bind("s", (long) scrubbed.length)
              .bind("d", sha256)
              .bind("c", scrubbed)
              .bind("now", now)
              .execute();
        });
    return new Artifact(runId, name, mediaType, scrubbed.length, sha256, Instant.ofEpochMilli(now));
  }

  public List<Artifact> list(String runId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT run_id, name, media_type, size, sha256, created_at FROM run_artifact"
                        + " WHERE run_id = :r ORDER BY name")
                .bind("r", runId)
                .map(
                    (rs, c) ->
                        new Artifact(
                            rs.getString("run_id"),
                            rs.getString("name"),
                            rs.getString("media_type"),
                            rs.getLong("size"),
                            rs.getString("sha256"),
                            Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
  }

  public Optional<Content> get(String runId, String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT run_id, name, media_type, size, sha256, created_at, content"
                        + " FROM run_artifact WHERE run_id = :r AND name = :n")
                .bind("r", runId)
                .bind("n", name)
                .map(
                    (rs, c) ->
                        new Content(
                            new Artifact(
                                rs.getString("run_id"),
                                rs.getString("name"),
                                rs.getString("media_type"),
                                rs.getLong("size"),
                                rs.getString("sha256"),
                                Instant.ofEpochMilli(rs.getLong("created_at"))),
                            rs.getBytes("content")))
                .findFirst());
  }
}
