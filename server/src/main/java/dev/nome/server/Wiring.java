package dev.nome.server;

import dev.nome.core.secrets.ScrubbedText;
import dev.nome.server.audit.HostDirectory;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of a control plane that other concerns supply: who the paired hosts are, the secret
 * scrubber, and the authentication handlers that run before every request and set the caller
 * attributes ({@link dev.nome.server.audit.AuditCallers}).
 *
 * @param hosts paired hosts and their keys (pairing)
 * @param scrubber the secret scrubber; when empty, the standard one under the installation's
 *     fingerprint key (in the data directory)
 * @param authenticators before-handlers that authenticate requests
 * @param clock the time source for stored timestamps
 */
public record Wiring(
    HostDirectory hosts,
    Optional<Function<String, ScrubbedText>> scrubber,
    List<Handler> authenticators,
    Clock clock) {

  public Wiring {
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(scrubber, "scrubber");
    authenticators = List.copyOf(authenticators);
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Nothing wired yet: no host is known and no request is authenticated (fail closed); the standard
   * scrubber.
   */
  public static Wiring defaults() {
    return new Wiring(HostDirectory.NONE, Optional.empty(), List.of(), Clock.systemUTC());
  }
}
