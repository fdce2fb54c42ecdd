package dev.nome.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same JDBI code against both dialects, each migrated by its own Flyway history. */
class DatabaseRoundTripTest {

  @Test
  void sqliteMigratesInWalModeAndRoundTrips(@TempDir Path dir) {
    try (Database db = Database.openSqlite(dir)) {
      assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
      String mode =
          db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
      assertThat(mode).isEqualToIgnoringCase("wal");
      assertRoundTrip(db.jdbi());
      assertThat(db.isHealthy()).isTrue();
    }
    // Reopening runs no migration twice and keeps the data.
    try (Database db = Database.openSqlite(dir)) {
      assertThat(read(db.jdbi(), "greeting")).contains("héllo, wörld");
    }
  }

  @Test
  void postgresqlMigratesAndRoundTripsOnARealServer() {
    String url = TestPostgres.get().createDatabase();
    try (Database db = Database.open(DatabaseUrl.parsePostgres(url))) {
      assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
      String version =
          db.jdbi().withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
      assertThat(version).isNotBlank();
      assertRoundTrip(db.jdbi());
      assertThat(db.isHealthy()).isTrue();
    }
    try (Database db = Database.open(DatabaseUrl.parsePostgres(url))) {
      assertThat(read(db.jdbi(), "greeting")).contains("héllo, wörld");
    }
  }

  @Test
  void anUnreachableServerIsAClearErrorWithoutThePassword() {
    var url =
        DatabaseUrl.parsePostgres("postgresql://nome:topsecret@127.0.0.1:1/nome?connectTimeout=2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Database.open(url))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot connect")
        .hasMessageNotContaining("topsecret");
  }

  private static void assertRoundTrip(Jdbi jdbi) {
    long now = System.currentTimeMillis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO installation_setting(name, value, updated_at) VALUES (:n, :v, :t)")
                .bind("n", "greeting")
                .bind("v", "héllo, wörld")
                .bind("t", now)
                .execute());
    assertThat(read(jdbi, "greeting")).contains("héllo, wörld");
    long stored =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT updated_at FROM installation_setting WHERE name = 'greeting'")
                    .mapTo(Long.class)
                    .one());
    assertThat(stored).isEqualTo(now);
    assertThat(read(jdbi, "absent")).isEmpty();
  }

  private static Optional<String> read(Jdbi jdbi, String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT value FROM installation_setting WHERE name = :n")
                .bind("n", name)
                .mapTo(String.class)
                .findOne());
  }
}
