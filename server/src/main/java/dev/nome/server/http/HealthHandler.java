package dev.nome.server.http;

import dev.nome.server.storage.Database;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** {@code GET /health}: whether this instance and its database answer. */
public final class HealthHandler {

  /** The body of {@code /health}; carries no configuration beyond the dialect. */
  public record Health(String status, String version, String database) {}

  private final Database database;
  private final String version;

  public HealthHandler(Database database, String version) {
    this.database = database;
    this.version = version;
  }

  public void handle(Context ctx) {
    boolean up = database.isHealthy();
    String dialect = database.dialect().name().toLowerCase(java.util.Locale.ROOT);
    ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(new Health(up ? "ok" : "unavailable", version, dialect));
  }
}
