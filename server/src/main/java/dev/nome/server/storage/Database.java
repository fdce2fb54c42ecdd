package dev.nome.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The control plane's database: a pooled connection source, the schema brought up to date by Flyway
 * with the migrations of its dialect, and one {@link Jdbi} that every store shares.
 *
 * <p>SQLite runs in WAL mode so that readers never wait on the writer; writes are serialised by
 * SQLite itself and the pool waits on a busy database instead of failing at once.
 */
public final class Database implements AutoCloseable {

  public static final String SQLITE_FILE = "nome.db";

  private final DatabaseUrl url;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(DatabaseUrl url, HikariDataSource dataSource) {
    this.url = url;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /** Opens the embedded SQLite database in {@code dataDir} and migrates it. */
  public static Database openSqlite(Path dataDir) {
    return open(new DatabaseUrl.Sqlite(dataDir.resolve(SQLITE_FILE)));
  }

  /** Opens the database at {@code url} and migrates it. */
  public static Database open(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("nome-" + url.dialect().name().toLowerCase(java.util.Locale.ROOT));
    config.setJdbcUrl(url.jdbcUrl());
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    switch (url) {
      case DatabaseUrl.Sqlite sqlite -> {
        // One writer at a time is SQLite's model; a small pool keeps readers concurrent.
        config.setMaximumPoolSize(4);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "10000");
        // Overwrite deleted content: a removed key's ciphertext must not linger in free pages.
        config.addDataSourceProperty("secure_delete", "true");
        // Transactions take the write lock when they begin: a transaction that read first and
        // writes later would otherwise fail with SQLITE_BUSY_SNAPSHOT (busy_timeout cannot help)
        // whenever another connection wrote in between.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      }
      case DatabaseUrl.Postgres pg -> {
        config.setMaximumPoolSize(10);
        pg.user().ifPresent(config::setUsername);
        pg.password().ifPresent(config::setPassword);
      }
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot connect to the database at " + url.display() + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(url.dialect().migrationLocation())
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StorageException(
          "cannot bring the database at " + url.display() + " up to date: " + rootMessage(e), e);
    }
    return new Database(url, dataSource);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Dialect dialect() {
    return url.dialect();
  }

  public DatabaseUrl url() {
    return url;
  }

  /** True when the database answers a trivial query. */
  public boolean isHealthy() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
