package dev.nome.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nome} command. Each subcommand is a thin wrapper over a service of a module. */
@Command(
    name = "nome",
    mixinStandardHelpOptions = true,
    versionProvider = NomeVersion.class,
    description = "Run AI coding agents on your own machines, every tool call gated and audited.",
    subcommands = {
      UpCommand.class,
      ClassifyCommand.class,
      ScrubCommand.class,
      PolicyCommand.class,
      FilesCommand.class,
      PairCommand.class,
      StatusCommand.class,
      RunnerCommand.class,
      SeatsCommand.class,
      LoginCommand.class,
      AuditCommand.class,
      ApprovalsCommand.class,
      RunCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by tests without exiting the JVM. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
