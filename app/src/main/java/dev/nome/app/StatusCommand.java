package dev.nome.app;

import dev.nome.runner.control.ControlPlaneClient;
import dev.nome.runner.control.RevokedException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nome status}: whether this computer is paired, with which server, and if it answers. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show this computer's pairing state and server.")
final class StatusCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    RunnerHome rh = new RunnerHome();
    System.out.println("NOME folder: " + rh.home.dir());
    System.out.println(
        "Server: " + rh.config.server().map(Object::toString).orElse("(none configured)"));
    Optional<ControlPlaneClient> client = rh.client();
    if (client.isEmpty()) {
      System.out.println("Pairing: not paired (pair with: nome pair --server URL)");
      return 0;
    }
    try {
      var me = client.get().me();
      System.out.println(
          "Pairing: paired as "
              + me.path("name").asText()
              + " (host "
              + me.path("host_id").asText()
              + ")");
    } catch (RevokedException e) {
      System.out.println("Pairing: revoked by the server (unpair with: nome pair unpair)");
      return 1;
    } catch (java.io.IOException e) {
      System.out.println(
          "Pairing: token present; the server did not answer (" + e.getMessage() + ")");
    }
    System.out.println(
        "User login: " + (java.nio.file.Files.exists(rh.home.file("user_token")) ? "yes" : "no"));
    return 0;
  }
}
