package dev.nome.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nome audit}: export a run's or work item's audit trail, and verify one offline. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Export audit trails from the control plane and verify them offline.",
    subcommands = {AuditExportCommand.class, AuditVerifyCommand.class})
final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
