package dev.nome.server.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed database location: the embedded SQLite file or a PostgreSQL server.
 *
 * <p>PostgreSQL is given the way its own tools take it, {@code
 * postgresql://user:password@host:port/database?sslmode=...}; the password never appears in {@link
 * #toString()} or in error messages.
 */
public sealed interface DatabaseUrl {

  Dialect dialect();

  /** The JDBC URL without credentials. */
  String jdbcUrl();

  /** A description safe to print: no password. */
  String display();

  record Sqlite(Path file) implements DatabaseUrl {
    @Override
    public Dialect dialect() {
      return Dialect.SQLITE;
    }

    @Override
    public String jdbcUrl() {
      return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    @Override
    public String display() {
      return "sqlite:" + file.toAbsolutePath();
    }
  }

  record Postgres(
      String hostAndPort,
      String database,
      String query,
      Optional<String> user,
      Optional<String> password)
      implements DatabaseUrl {
    @Override
    public Dialect dialect() {
      return Dialect.POSTGRESQL;
    }

    @Override
    public String jdbcUrl() {
      return "jdbc:postgresql://"
          + hostAndPort
          + "/"
          + database
          + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public String display() {
      return "postgresql://" + user.map(u -> u + "@").orElse("") + hostAndPort + "/" + database;
    }

    @Override
    public String toString() {
      return display();
    }
  }

  /**
   * Parses a {@code postgresql://} or {@code postgres://} URL, or a {@code jdbc:postgresql:} one.
   */
  static Postgres parsePostgres(String url) {
    String text = url.strip();
    if (text.startsWith("jdbc:")) {
      text = text.substring("jdbc:".length());
    }
    if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "database URL must start with postgresql:// (got a URL with another scheme)");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("database URL is not a valid URL: " + e.getReason());
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("database URL has no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = decode(path.startsWith("/") ? path.substring(1) : path);
    if (database.isEmpty()) {
      throw new IllegalArgumentException(
          "database URL names no database (postgresql://host:port/NAME)");
    }
    String hostAndPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        password = Optional.of(decode(userInfo.substring(colon + 1)));
      }
    }
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    return new Postgres(hostAndPort, database, query, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
