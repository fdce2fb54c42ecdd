package dev.nome.runner.gate;

import dev.nome.core.policy.Policy;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.ReceiptJournal;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.tools.ToolLimits;
import dev.nome.runner.tools.Tools;
import dev.nome.runner.tools.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A gate for run {@code run-1} of host {@code host-1}, without a control plane, for tests. */
public final class TestGates {

  public static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);

  private TestGates() {}

  /**
   * @param journal where receipts go (a list, or one that fails)
   * @param offlineWait how long a queued call waits for the control plane
   */
  public static Gate gate(
      Path root,
      Policy policy,
      ReceiptJournal journal,
      Approvals approvals,
      ControlPlaneLink link,
      Duration offlineWait)
      throws Exception {
    Workspace ws = Workspace.open(root, policy.files(), ToolLimits.standard());
    RunChain chain =
        RunChain.start(
            "run-1",
            Optional.empty(),
            Ed25519.KeySigner.generate("host-1"),
            journal,
            Clock.systemUTC(),
            1);
    return new Gate(
        new Gate.RunContext("run-1", Optional.empty(), "host-1", "default"),
        Gate.decider(policy, ws),
        ws,
        Tools.standard(),
        SCRUBBER,
        KeyedHmac.generate("t"),
        chain,
        approvals,
        link,
        new Gate.Timing(Duration.ofMinutes(1), offlineWait, Duration.ofMinutes(1)));
  }
}
