package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.WebClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nome approvals} on the machine where the control plane runs: no login needed, the owner
 * token in the data directory is used.
 */
class ApprovalsCommandTest {

  @TempDir Path dataDir;

  @Test
  void listApproveDenyAndWatchAgainstTheLocalControlPlane() throws Exception {
    try (ControlPlane plane =
        ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), 1), "t")) {
      WebClient.owner(plane, "owner password 1");
      String host = Approvals.hostToken(plane, "build-box");
      String dir = dataDir.toString();

      CliTest.Result empty = CliTest.run("approvals", "list", "--data-dir", dir);
      assertThat(empty.exit()).as(empty.err()).isZero();
      assertThat(empty.out()).contains("Nothing is waiting");

      String id =
          Approvals.raised(plane.url(), host, "run-1", "rm -rf build/\u202E\n# all good")
              .at("/request/id")
              .asText();
      CliTest.Result list = CliTest.run("approvals", "list", "--data-dir", dir);
      assertThat(list.out())
          .contains(id)
          .contains("DANGER")
          .contains("on build-box")
          .contains("action: rm -rf build/\\u{202E}\\n# all good")
          .contains("2 hidden or control character(s)")
          .doesNotContain("\u202E");

      CliTest.Result ok =
          CliTest.run("approvals", "approve", id, "--comment", "fine", "--data-dir", dir);
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("Approved " + id);
      CliTest.Result late = CliTest.run("approvals", "deny", id, "--data-dir", dir);
      assertThat(late.exit()).isEqualTo(1);
      assertThat(late.err().strip())
          .isEqualTo("nome: this request was already approved by owner (cli)");
      assertThat(CliTest.run("approvals", "list", "--history", "--data-dir", dir).out())
          .contains("approved by owner (cli)")
          .contains("comment: fine");

      CompletableFuture<CliTest.Result> watch =
          CompletableFuture.supplyAsync(
              () -> CliTest.run("approvals", "watch", "--max-events", "2", "--data-dir", dir));
      // Once the watcher's stream is open, a request is raised and denied.
      var hub = plane.services().approvals().hub();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (hub.subscriberCount() == 0 && System.nanoTime() < until) {
        Thread.sleep(5); // polling the condition; the watcher runs in another thread
      }
      String second =
          Approvals.raised(plane.url(), host, "run-2", "git push -f").at("/request/id").asText();
      Approvals.decide(
          plane.url(), Approvals.userToken(plane, "owner password 1"), second, "deny", null);
      CliTest.Result watched = watch.get(10, TimeUnit.SECONDS);
      assertThat(watched.exit()).as(watched.err()).isZero();
      assertThat(watched.out()).contains("] raised").contains("] denied").contains(second);
    }
  }

  @Test
  void withoutAnyCredentialTheCommandSaysHowToSignIn() {
    CliTest.Result r = CliTest.run("approvals", "list", "--data-dir", dataDir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("nome: no control plane has run with the data directory");
  }
}
