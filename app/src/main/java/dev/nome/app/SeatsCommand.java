package dev.nome.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nome seats}: the provider CLIs on this computer and their sign-in states. */
@Command(
    name = "seats",
    mixinStandardHelpOptions = true,
    description =
        "Show the coding agents (Claude Code, Codex CLI, Gemini CLI) found here and whether"
            + " each is signed in, as their own status commands report it.")
final class SeatsCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    var report = RunnerHome.probe().probe();
    for (var s : report.seats()) {
      System.out.printf(
          "%-12s %-10s %s%s%n",
          s.cli(),
          s.version().isEmpty() ? "-" : s.version(),
          s.auth(),
          s.method().equals("none") ? "" : " (" + s.method() + ")");
    }
    if (!report.withheld().isEmpty()) {
      System.out.println(
          "Withheld from the status commands: " + String.join(", ", report.withheld()));
    }
    return 0;
  }
}
