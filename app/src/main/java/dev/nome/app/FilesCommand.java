package dev.nome.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileVerdict;
import dev.nome.core.policy.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nome files}: the file gateway from the command line. */
@Command(
    name = "files",
    mixinStandardHelpOptions = true,
    description = "Ask the file gateway about a path.",
    subcommands = {FilesCommand.Explain.class})
final class FilesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code nome files explain PATH}. */
  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      description =
          "Print the gateway's verdict for reading (or, with --write, writing) PATH, and every"
              + " rule that matched.")
  static final class Explain implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The path as an agent would write it.")
    String path;

    @Option(names = "--write", description = "Ask about writing instead of reading.")
    boolean write;

    @Option(
        names = "--workspace",
        paramLabel = "DIR",
        description = "The workspace (default: the current directory).")
    Path workspace;

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description = "Use this file as the user's layer instead of ~/.nome/policy.toml.")
    Path userPolicy;

    @Option(
        names = "--home",
        paramLabel = "DIR",
        hidden = true,
        description = "Judge as if this were the home directory.")
    Path home;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Access wanted = write ? Access.WRITE : Access.READ;
      FileVerdict v;
      try {
        Policy policy = PolicyFiles.load(home, userPolicy, null);
        v = PolicyFiles.gateway(policy, workspace, home).check(path, wanted);
      } catch (Exception e) {
        // fail closed: a policy or workspace that cannot be loaded denies
        v = new FileVerdict(path, "", Access.NONE, false, List.of("none: " + e.getMessage()));
      }
      PrintWriter out = spec.commandLine().getOut();
      String access = v.access().name().toLowerCase(Locale.ROOT);
      if (json) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("path", v.path());
        o.put("resolved", v.resolved());
        o.put("access", access);
        o.put("allowed", v.allowed());
        v.rules().forEach(o.putArray("rules")::add);
        out.println(m.writeValueAsString(o));
      } else {
        out.println(
            (v.allowed() ? "allowed" : "denied") + ": " + (write ? "write " : "read ") + v.path());
        out.println(
            "resolved: " + (v.resolved().isEmpty() ? "(cannot be resolved)" : v.resolved()));
        out.println("access:   " + access);
        for (String r : v.rules()) {
          out.println("  " + r);
        }
      }
      out.flush();
      return 0;
    }
  }
}
