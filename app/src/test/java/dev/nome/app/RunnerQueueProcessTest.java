package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.app.CommandsProcessTest.Nome;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.FileReceiptJournal;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.receipts.HostKeySigner;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.runner.tokens.DeviceTokenStore;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.runner.tokens.RunnerConfig;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.accounts.AccountStore;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.TestRuns;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nome runner} as a real process looks at the receipt journals an earlier runner left in
 * {@code ~/.nome/queue} in the background: it uploads the one the control plane never received and
 * sets a damaged one aside, reporting both.
 */
class RunnerQueueProcessTest {

  static final String PASSWORD = "owner password 1";

  @TempDir Path tmp;

  @Test
  void theRunnerUploadsWhatAnEarlierRunnerLeftQueuedAndSetsADamagedJournalAside() throws Exception {
    Path home = tmp.resolve("nome-home");
    NomeHome nomeHome = new NomeHome(home);
    nomeHome.ensure();
    try (ControlPlane plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, tmp.resolve("data"), Optional.empty(), 1), "t")) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      HostKey key = HostKey.generate();
      var issued =
          plane.pairLocalHost(new HostInfo("queue-box", "Linux", "dev", key.publicKeyBase64()));
      key.save(nomeHome);
      new DeviceTokenStore(nomeHome).save(issued.deviceToken());
      new RunnerConfig(nomeHome).setServer(plane.url());

      // A run recorded while the control plane could not be reached: only its journal holds it.
      byte[] fingerprint = new byte[32];
      new SecureRandom().nextBytes(fingerprint);
      SecretScrubber scrubber = SecretScrubber.create(fingerprint);
      Path queue = nomeHome.file(HostSession.QUEUE);
      String workItem =
          TestRuns.recordRun(
              plane,
              "run-offline",
              issued.host().id(),
              plane
                  .services()
                  .accounts()
                  .byUsername(AccountStore.OWNER_USERNAME)
                  .orElseThrow()
                  .id());
      try (FileReceiptJournal journal = RunJournals.open(queue, "run-offline")) {
        RunChain chain =
            RunChain.start(
                "run-offline",
                Optional.of(workItem),
                new HostKeySigner(issued.host().id(), key),
                journal,
                Clock.systemUTC(),
                1);
        chain.append(
            new RouteRecord(
                "byok", "byok-metered", "anthropic", "none", scrubber.scrub(""), "m-1"));
        chain.end(new RunEnded(RunStatus.COMPLETED, scrubber.scrub("done")));
      }
      Files.writeString(queue.resolve("broken.jsonl"), "not a journal\n");

      try (Nome runner = new Nome(home, "runner")) {
        runner.await("Runner connected to");
        runner.await("queued receipts: broken\\.jsonl\\.bad: bad, cannot be read");
        runner.await("queued receipts: run-offline\\.jsonl: uploaded, 3 receipts");
      }

      assertThat(RunJournals.file(queue, "run-offline")).doesNotExist();
      assertThat(queue.resolve("broken.jsonl.bad")).hasContent("not a journal");
      var stored =
          WebClient.json(
              WebClient.bearer(plane.url(), user, "GET", "/api/runs/run-offline/receipts", null));
      assertThat(stored.path("ended").asBoolean()).isTrue();
      assertThat(stored.path("nextSeq").asInt()).isEqualTo(3);
      var bundle =
          WebClient.bearer(plane.url(), user, "GET", "/api/audit/export?run=run-offline", null);
      assertThat(bundle.statusCode()).isEqualTo(200);
      var verified =
          new BundleVerifier(scrubber::scrub, Optional.empty())
              .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(verified.ok()).as(verified.toString()).isTrue();
    }
  }
}
