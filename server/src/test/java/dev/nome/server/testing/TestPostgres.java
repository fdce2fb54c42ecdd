package dev.nome.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, one per test JVM, each caller getting a fresh database.
 *
 * <p>When {@code NOME_TEST_POSTGRES_URL} names a server (as {@code
 * postgresql://user@host:port/db}), that one is used. Otherwise the PostgreSQL binaries of the
 * system ({@code initdb}, {@code pg_ctl}) start a throw-away cluster in a temporary folder on a
 * free port; as root they run as the {@code postgres} account, since PostgreSQL refuses to run as
 * root. No PostgreSQL on the machine is a test failure with a message, never a skip: the scaled
 * path must be tested.
 */
public final class TestPostgres {

  public static final String URL_ENV = "NOME_TEST_POSTGRES_URL";

  private static TestPostgres shared;

  private final String host;
  private final int port;
  private final String user;

  private TestPostgres(String host, int port, String user) {
    this.host = host;
    this.port = port;
    this.user = user;
  }

  /** The shared server, started on first use. */
  public static synchronized TestPostgres get() {
    if (shared == null) {
      String url = System.getenv(URL_ENV);
      shared = url != null && !url.isBlank() ? fromUrl(url) : startLocal();
    }
    return shared;
  }

  /** Creates an empty database and returns its {@code postgresql://} URL. */
  public String createDatabase() {
    String name = "nome_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, "");
        var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return "postgresql://" + user + "@" + host + ":" + port + "/" + name;
  }

  private static TestPostgres fromUrl(String url) {
    var uri = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
    String user = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo().split(":", 2)[0];
    return new TestPostgres(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user);
  }

  private static TestPostgres startLocal() {
    Path bin = findBinaries();
    boolean root = isRoot();
    String runAs = root ? "postgres" : System.getProperty("user.name");
    try {
      Path dir = Files.createTempDirectory("nome-test-pg-");
      Path data = dir.resolve("data");
      Path socketDir = dir.resolve("run");
      Files.createDirectories(socketDir);
      if (root) {
        run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
      }
      int port = freePort();
      run(
          asUser(
              root,
              List.of(
                  bin.resolve("initdb").toString(),
                  "-D",
                  data.toString(),
                  "-U",
                  runAs,
                  "--auth=trust",
                  "--encoding=UTF8",
                  "--no-sync")),
          true);
      run(
          asUser(
              root,
              List.of(
                  bin.resolve("pg_ctl").toString(),
                  "-D",
                  data.toString(),
                  "-l",
                  dir.resolve("server.log").toString(),
                  "-w",
                  "-t",
                  "60",
                  "-o",
                  "-p "
                      + port
                      + " -k "
                      + socketDir
                      + " -c listen_addresses=127.0.0.1"
                      + " -c fsync=off -c max_connections=200",
                  "start")),
          true);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      run(
                          asUser(
                              root,
                              List.of(
                                  bin.resolve("pg_ctl").toString(),
                                  "-D",
                                  data.toString(),
                                  "-m",
                                  "immediate",
                                  "stop")),
                          false);
                    } finally {
                      deleteQuietly(dir);
                    }
                  }));
      return new TestPostgres("127.0.0.1", port, runAs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findBinaries() {
    List<Path> candidates = new ArrayList<>();
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> s = Files.list(versions)) {
        s.map(p -> p.resolve("bin"))
            .filter(p -> Files.isExecutable(p.resolve("initdb")))
            .sorted(Comparator.comparing(TestPostgres::majorOf).reversed())
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
        candidates.add(Path.of(dir));
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalStateException(
          "PostgreSQL is not installed: the tests of the PostgreSQL path need its server"
              + " binaries (Debian: apt-get install postgresql), or set "
              + URL_ENV
              + " to a running server");
    }
    return candidates.get(0);
  }

  private static int majorOf(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static List<String> asUser(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command, boolean mustSucceed) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .directory(Path.of("/tmp").toFile())
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      if (mustSucceed && p.exitValue() != 0) {
        throw new IllegalStateException(
            "failed ("
                + p.exitValue()
                + "): "
                + String.join(" ", command)
                + "\n"
                + new String(out, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temp folder left behind is harmless
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "postgresql://%s@%s:%d", user, host, port);
  }
}
