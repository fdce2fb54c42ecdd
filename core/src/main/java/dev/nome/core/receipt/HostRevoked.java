package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;

/** The host running this run was revoked; the run stops here (P12). */
public record HostRevoked(String hostId, ScrubbedText reason) implements Receipt {

  public HostRevoked {
    Ids.check("host id", hostId);
    Objects.requireNonNull(reason, "reason");
    Bounds.check("revocation reason", reason, Bounds.REASON);
  }

  @Override
  public String type() {
    return "host_revoked";
  }
}
