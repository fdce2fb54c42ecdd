package dev.nome.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.token.TokenKind;
import dev.nome.server.accounts.SessionStore;
import dev.nome.server.accounts.UserTokenStore;
import dev.nome.server.hosts.HostStore;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Malformed tokens are refused before the database is asked anything. */
class AuthenticatorTest {

  /** A data source that counts connection requests and never gives one. */
  static final class CountingDataSource implements DataSource {
    final AtomicInteger asked = new AtomicInteger();

    @Override
    public Connection getConnection() throws SQLException {
      asked.incrementAndGet();
      throw new SQLException("no database in this test");
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException();
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  @Test
  void malformedAndBadChecksumTokensNeverReachTheDatabase() {
    CountingDataSource ds = new CountingDataSource();
    Jdbi jdbi = Jdbi.create(ds);
    Clock clock = Clock.systemUTC();
    Authenticator auth =
        new Authenticator(
            new SessionStore(jdbi, clock),
            new UserTokenStore(jdbi, clock),
            new HostStore(jdbi, clock));
    String good = TokenKind.DEVICE.generate();
    String flipped =
        good.substring(0, 20) + (good.charAt(20) == 'A' ? 'B' : 'A') + good.substring(21);
    for (String t : new String[] {flipped, "nome_dt_x", "Basic abc", "", good + "0"}) {
      assertThatThrownBy(() -> auth.fromBearer("Bearer " + t))
          .isInstanceOfSatisfying(
              ApiError.class, e -> assertThat(e.status().getCode()).isEqualTo(401));
    }
    assertThatThrownBy(() -> auth.fromBearer("Token " + good)).isInstanceOf(ApiError.class);
    assertThat(ds.asked).hasValue(0);
    // A well-formed token does reach the lookup (and here the missing database fails it).
    assertThatThrownBy(() -> auth.fromBearer("Bearer " + good)).isNotInstanceOf(ApiError.class);
    assertThat(ds.asked.get()).isPositive();
  }
}
