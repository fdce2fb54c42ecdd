package dev.nome.server;

import dev.nome.core.secrets.ScrubbedText;
import dev.nome.server.audit.HostDirectory;
import dev.nome.server.audit.RunDirectory;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parts of a control plane that tests replace: the hosts the audit store trusts, the runs it knows,
 * the secret scrubber, extra before-handlers that set the caller attributes ({@link
 * dev.nome.server.audit.AuditCallers}) after the real authenticator, and the clock. A control plane
 * started without one uses its paired hosts, the standard scrubber and the system clock.
 *
 * @param hosts paired hosts and their keys (pairing)
 * @param runs which host and account each run is of (runs)
 * @param scrubber the secret scrubber; when empty, the standard one under the installation's
 *     fingerprint key (in the data directory)
 * @param authenticators before-handlers that authenticate requests
 * @param clock the time source for stored timestamps
 */
public record Wiring(
    HostDirectory hosts,
    RunDirectory runs,
    Optional<Function<String, ScrubbedText>> scrubber,
    List<Handler> authenticators,
    Clock clock) {

  public Wiring {
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(scrubber, "scrubber");
    authenticators = List.copyOf(authenticators);
    Objects.requireNonNull(clock, "clock");
  }
}
