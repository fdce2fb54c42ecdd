package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;

/** The last receipt of every finished run; nothing may follow it. */
public record RunEnded(RunStatus status, ScrubbedText stopReason) implements Receipt {

  public RunEnded {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stopReason, "stopReason");
    Bounds.check("stop reason", stopReason, Bounds.REASON);
  }

  @Override
  public String type() {
    return "run_ended";
  }
}
