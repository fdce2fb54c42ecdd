package dev.nome.app;

import dev.nome.runner.control.ControlPlaneClient;
import dev.nome.runner.control.RevokedException;
import dev.nome.runner.pairing.PairingClient;
import dev.nome.runner.pairing.ThisHost;
import dev.nome.runner.tokens.HostKey;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nome pair}: pairs this computer with a control plane (RFC 8628 device flow). */
@Command(
    name = "pair",
    mixinStandardHelpOptions = true,
    description = "Pair this computer with a NOME control plane.",
    subcommands = {PairCommand.Unpair.class})
final class PairCommand implements Callable<Integer> {

  @Option(
      names = "--server",
      description = "The control plane URL (default: the paired one, else http://127.0.0.1:7420/).")
  String server;

  @Option(names = "--name", description = "The name this computer shows (default: its host name).")
  String name;

  @Override
  public Integer call() throws Exception {
    RunnerHome rh = new RunnerHome();
    Optional<String> existing = rh.tokens.load();
    if (existing.isPresent()) {
      throw new IllegalStateException(
          "this computer is already paired with "
              + rh.config.server().map(Object::toString).orElse("a control plane")
              + "; unpair it first with: nome pair unpair");
    }
    var paired =
        new PairingClient(rh.home, System.out, d -> Thread.sleep(d.toMillis()))
            .pair(rh.server(server), ThisHost.describe(name));
    System.out.println("Paired with " + paired.server() + ". Start the runner with: nome runner");
    return 0;
  }

  /** {@code nome pair unpair}: revokes on the server when reachable, removes local files always. */
  @Command(
      name = "unpair",
      mixinStandardHelpOptions = true,
      description =
          "Unpair this computer: revoke it on the server and delete its token and host key.")
  static final class Unpair implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      RunnerHome rh = new RunnerHome();
      Optional<ControlPlaneClient> client;
      try {
        client = rh.client();
      } catch (java.io.IOException e) {
        client = Optional.empty();
        System.out.println("The local token cannot be used (" + e.getMessage() + ").");
      }
      if (client.isPresent()) {
        try {
          client.get().unpair();
          System.out.println("Revoked this computer on " + client.get().server() + ".");
        } catch (RevokedException e) {
          System.out.println("The server had already revoked this computer.");
        } catch (java.io.IOException e) {
          System.out.println(
              "Could not reach "
                  + client.get().server()
                  + " ("
                  + e.getMessage()
                  + "); revoke this computer there from Computers & Coding Accounts.");
        }
      }
      boolean token = rh.tokens.delete();
      boolean key = HostKey.delete(rh.home);
      System.out.println(
          token || key
              ? "Removed the device token and host key from " + rh.home.dir() + "."
              : "This computer was not paired.");
      return 0;
    }
  }
}
