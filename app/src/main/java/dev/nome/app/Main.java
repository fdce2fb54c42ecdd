package dev.nome.app;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nome} command. Each subcommand is a thin wrapper over a service of a module. */
@Command(
    name = "nome",
    mixinStandardHelpOptions = true,
    versionProvider = NomeVersion.class,
    description = "Run AI coding agents on your own machines, every tool call gated and audited.")
public final class Main implements Runnable {

  /** The subcommands, in the order {@code nome --help} lists them ({@code help} comes last). */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          DemoCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by tests without exiting the JVM. */
  public static int run(String... args) {
    return commandLineFor(args).execute(args);
  }

  /** The whole command tree: what {@code nome --help}, {@code nome help} and a typo need. */
  static CommandLine commandLine() {
    return withSubcommands(SUBCOMMANDS);
  }

  /**
   * The tree for one invocation: when the first argument names a subcommand, only that branch; for
   * {@code --version} alone, none. Picocli reads every command's annotations by reflection as it
   * builds the tree, and its own classes (Java 5 bytecode) cannot be kept in the JVM's start-up
   * cache, so building all fourteen branches cost every command a tenth of a second or more: a
   * quarter of what {@code nome scrub} takes in all on a short input.
   */
  static CommandLine commandLineFor(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return withSubcommands(List.of()); // the version needs no subcommand
    }
    if (args.length > 0) {
      for (Class<?> sub : SUBCOMMANDS) {
        if (names(sub).contains(args[0])) {
          return withSubcommands(List.of(sub));
        }
      }
    }
    return commandLine();
  }

  private static CommandLine withSubcommands(List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new Main());
    for (Class<?> sub : subcommands) {
      cli.addSubcommand(sub);
    }
    cli.addSubcommand(new CommandLine.HelpCommand());
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    return cli;
  }

  /** The name and aliases a subcommand answers to, from its annotation. */
  static List<String> names(Class<?> subcommand) {
    Command c = subcommand.getAnnotation(Command.class);
    if (c == null) {
      throw new IllegalStateException(subcommand + " is not a command");
    }
    String[] all = Arrays.copyOf(c.aliases(), c.aliases().length + 1);
    all[all.length - 1] = c.name();
    return List.of(all);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
