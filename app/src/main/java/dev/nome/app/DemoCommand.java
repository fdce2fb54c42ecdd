package dev.nome.app;

import dev.nome.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nome demo}: the whole of NOME in a minute, with no account and no provider key. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Show NOME in a minute, with no account and no provider key: a short agent run through the"
          + " real gate, driven by a scripted model server on this machine.",
      "",
      "It uses the control plane nome up serves here (else starts one the same way and pairs this"
          + " computer), adds a key named nome-demo for its scripted model to the owner's vault"
          + " (replacing an earlier one), and makes a small project in a new temporary folder"
          + " (or --workspace, which must be empty). The agent lists and reads files (allowed),"
          + " prints a build log holding a planted token (scrubbed from everything recorded),"
          + " tries to read .env (refused by the file gateway), writes NOTES.md, and asks to run"
          + " `rm -rf $(cat cleanup.txt)`: a dangerous command that waits until you approve or"
          + " deny it in the browser or with nome approvals (10 minutes unless your policy says"
          + " otherwise; no answer is a denial). Approved, it removes only build/ in the demo"
          + " folder.",
      "",
      "Then it prints where to see the run, exports the run's audit bundle into the demo folder,"
          + " verifies it offline, and checks every step. A control plane started by the demo"
          + " keeps serving until Ctrl-C so you can look around (--exit stops it at once); one"
          + " that was already serving is left as it was."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:the run went as scripted and its audit bundle verified, whether you approved or denied"
          + " the dangerous command (a denial is the gate working: the command did not run)",
      "1:a step did not go as scripted (each check is printed), or the demo could not start",
      "2:the command line is wrong"
    })
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "" + ServerConfig.DEFAULT_PORT,
      description =
          "The port of a control plane the demo starts (default: ${DEFAULT-VALUE}, as nome up).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "The control plane's data directory: the one to find serving, or to start with"
              + " (default: ~/.nome/server, as nome up).")
  Path dataDir;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description = "An empty or new folder for the demo project (default: a new temporary one).")
  Path workspace;

  static final class Serving {
    @Option(
        names = "--keep-serving",
        description =
            "Keep a control plane the demo started serving after the run, until Ctrl-C (the"
                + " default).")
    boolean keep;

    @Option(
        names = "--exit",
        description = "Stop a control plane the demo started as soon as the demo is done.")
    boolean exit;
  }

  @ArgGroup(exclusive = true)
  Serving serving;

  @Override
  public Integer call() throws Exception {
    Demo.Settings settings =
        new Demo.Settings(
            new RunnerHome().home,
            dataDir == null ? ServerConfig.defaultDataDir() : dataDir,
            port,
            workspace,
            serving == null || !serving.exit,
            PolicyFiles.load(null, null, null),
            System.getenv());
    return new Demo(settings, System.out).run();
  }
}
