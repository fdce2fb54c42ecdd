package dev.nome.bench;

import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.accounts.Account;
import dev.nome.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A control plane for benchmarks: SQLite in a temporary folder or a throw-away PostgreSQL. */
final class BenchPlane implements AutoCloseable {

  final ControlPlane plane;
  final Account owner;
  final String userToken;

  BenchPlane(String dialect) throws Exception {
    Path dir = Files.createTempDirectory("nome-bench-");
    Optional<String> db =
        dialect.equals("postgresql")
            ? Optional.of(TestPostgres.get().createDatabase())
            : Optional.empty();
    plane = ControlPlane.start(new ServerConfig("127.0.0.1", 0, dir, db, 1), "bench");
    String secret = plane.ownerSetupLink().orElseThrow().getPath().replace("/welcome/", "");
    owner = plane.services().accounts().useSetupLink(secret, "bench owner password").orElseThrow();
    userToken = plane.services().userTokens().issue(owner, "bench");
  }

  @Override
  public void close() throws Exception {
    plane.close();
  }
}
