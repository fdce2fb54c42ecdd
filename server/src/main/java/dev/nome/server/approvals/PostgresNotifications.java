package dev.nome.server.approvals;

import dev.nome.server.storage.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@code NOTIFY} channel for approval events committed by any instance
 * sharing the database and pokes this instance's {@link ApprovalHub}. It holds one connection of
 * its own (outside the pool, since a pooled connection may be handed to someone else) and
 * reconnects after an error; every (re)connect pokes once, so events committed while it was away
 * are dispatched too.
 */
final class PostgresNotifications implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
  private static final int WAIT_MS = 500;

  private final DatabaseUrl.Postgres url;
  private final Runnable poke;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  PostgresNotifications(DatabaseUrl.Postgres url, Runnable poke) {
    this.url = url;
    this.poke = poke;
    this.thread = new Thread(this::loop, "nome-approval-listen");
    this.thread.setDaemon(true);
  }

  /** Starts listening; returns once the first LISTEN is in place (or failed, to be retried). */
  void start() {
    try {
      connection = connect();
    } catch (SQLException e) {
      log.warn("cannot LISTEN for approval events yet: {}", e.getMessage());
    }
    thread.start();
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    url.user().ifPresent(u -> props.setProperty("user", u));
    url.password().ifPresent(p -> props.setProperty("password", p));
    Connection c = DriverManager.getConnection(url.jdbcUrl(), props);
    try (Statement st = c.createStatement()) {
      st.execute("LISTEN " + ApprovalStore.NOTIFY_CHANNEL);
    }
    return c;
  }

  private void loop() {
    while (running) {
      try {
        if (connection == null || connection.isClosed()) {
          connection = connect();
        }
        poke.run();
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] got = pg.getNotifications(WAIT_MS);
          if (got != null && got.length > 0) {
            poke.run();
          }
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        log.warn("approval event listener lost its connection, reconnecting: {}", e.getMessage());
        closeQuietly();
        try {
          Thread.sleep(1000); // back off before reconnecting; not waiting for an event
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private void closeQuietly() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // already broken
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    closeQuietly();
  }
}
