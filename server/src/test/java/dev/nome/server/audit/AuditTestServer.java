package dev.nome.server.audit;

import dev.nome.core.secrets.TestScrubbed;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.Wiring;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Tests only: a control plane in its own JVM, with one paired host and the test authentication, so
 * that tests can kill it like a crash and read everything it logs.
 *
 * <p>Arguments: data directory, host id, the host's public key (base64), the id of the host's one
 * run (the reader "reviewer"'s), and that run's work item if it has one.
 */
public final class AuditTestServer {

  public static final String READY = "AUDIT TEST SERVER: ";

  private AuditTestServer() {}

  public static void main(String[] args) throws Exception {
    MemoryHostDirectory hosts =
        new MemoryHostDirectory().add(args[1], Base64.getDecoder().decode(args[2]));
    MemoryRunDirectory runs =
        new MemoryRunDirectory()
            .add(
                args[3],
                args[1],
                "reviewer",
                args.length > 4 ? Optional.of(args[4]) : Optional.empty());
    Wiring wiring =
        new Wiring(
            hosts,
            runs,
            Optional.of(TestScrubbed.identity()),
            List.of(TestAuthentication.HEADERS),
            Clock.systemUTC());
    ControlPlane plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, Path.of(args[0]), Optional.empty()), "test", wiring);
    System.out.println(READY + plane.url());
    System.out.flush();
    Thread.currentThread().join();
  }
}
