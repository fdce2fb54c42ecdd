package dev.nome.app;

import dev.nome.runner.control.ControlPlaneClient;
import dev.nome.runner.control.HostRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nome runner}: this computer's runner, until stopped or revoked. */
@Command(
    name = "runner",
    mixinStandardHelpOptions = true,
    description = "Run this computer's runner in the foreground (stops if the pairing is revoked).")
final class RunnerCommand implements Callable<Integer> {

  /** Exit code when the server revoked this computer. */
  static final int REVOKED = 3;

  @Override
  public Integer call() throws Exception {
    RunnerHome rh = new RunnerHome();
    ControlPlaneClient client =
        rh.client()
            .orElseThrow(
                () -> new IllegalStateException("this computer is not paired; run: nome pair"));
    HostRunner runner = RunnerHome.runner(client, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "nome-runner-stop"));
    System.out.println("Runner connected to " + client.server() + ". Press Ctrl-C to stop.");
    System.out.flush();
    rh.resumePendingUploads(System.out);
    runner.run();
    return runner.outcome() == HostRunner.Outcome.REVOKED ? REVOKED : 0;
  }
}
