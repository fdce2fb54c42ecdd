package dev.nome.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction that reads and then writes must not fail because another connection wrote in
 * between (SQLite's SQLITE_BUSY_SNAPSHOT in WAL mode): transactions take the write lock up front.
 */
class SqliteWriteTransactionTest {

  @TempDir Path dir;

  @Test
  void aReadThenWriteTransactionSurvivesAConcurrentWriter() throws Exception {
    try (Database db = Database.openSqlite(dir)) {
      db.jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO installation_setting (name, value, updated_at) VALUES ('n', '0', 0)"));
      CountDownLatch readDone = new CountDownLatch(1);
      CompletableFuture<Void> other = new CompletableFuture<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  readDone.await();
                  db.jdbi()
                      .useHandle(
                          h ->
                              h.execute(
                                  "UPDATE installation_setting SET value = value || 'b'"
                                      + " WHERE name = 'n'"));
                  other.complete(null);
                } catch (Throwable t) {
                  other.completeExceptionally(t);
                }
              });
      writer.start();
      db.jdbi()
          .useTransaction(
              h -> {
                h.createQuery("SELECT value FROM installation_setting WHERE name = 'n'")
                    .mapTo(String.class)
                    .one();
                readDone.countDown();
                // The other writer must wait for this transaction instead of slipping in.
                try {
                  other.get(300, TimeUnit.MILLISECONDS);
                  throw new AssertionError("the other writer was not held back");
                } catch (TimeoutException expected) {
                  // held back, as it should be
                }
                h.execute("UPDATE installation_setting SET value = value || 'a' WHERE name = 'n'");
              });
      other.get(15, TimeUnit.SECONDS);
      String value =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT value FROM installation_setting WHERE name = 'n'")
                          .mapTo(String.class)
                          .one());
      assertThat(value).isEqualTo("0ab");
    }
  }
}
