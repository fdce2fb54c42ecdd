package dev.nome.app.gate;

import dev.nome.core.policy.Policies;
import dev.nome.core.policy.Policy;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.ReceiptJournal;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.receipts.HostKeySigner;
import dev.nome.runner.receipts.ReceiptUploader;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tools.ToolLimits;
import dev.nome.runner.tools.Tools;
import dev.nome.runner.tools.Workspace;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.accounts.Account;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.testing.TestRuns;
import dev.nome.server.testing.WebClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real control plane (SQLite) with this test as a paired host: a real host key registered by
 * pairing, its device token, and a run wired the way the runner wires it (local journal, uploader,
 * approval client, gate).
 */
final class RunnerFixture implements AutoCloseable {

  final Path dir;
  final Path workspace;
  final Path queue;
  ControlPlane plane;
  final int port;
  final Account owner;
  final String userToken;
  final HostKey hostKey = HostKey.generate();
  final String hostId;
  final String deviceToken;
  final SecretScrubber scrubber;
  final Policy policy;
  // The runs recorded on the control plane, with their work items.
  private final Map<String, String> workItems = new HashMap<>();
  private boolean planeUp;

  RunnerFixture(Path dir) throws Exception {
    this.dir = dir;
    this.workspace = Files.createDirectories(dir.resolve("workspace"));
    this.queue = dir.resolve("queue");
    plane = ControlPlane.start(serverConfig(0), "test");
    planeUp = true;
    port = plane.port();
    String secret = plane.ownerSetupLink().orElseThrow().getPath().replace("/welcome/", "");
    owner = plane.services().accounts().useSetupLink(secret, "owner password 1").orElseThrow();
    userToken = plane.services().userTokens().issue(owner, "gate test");
    var issued =
        plane.pairLocalHost(new HostInfo("runner-box", "Linux", "dev", hostKey.publicKeyBase64()));
    hostId = issued.host().id();
    deviceToken = issued.deviceToken();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    scrubber = SecretScrubber.create(key);
    policy = Policies.shippedPolicy();
  }

  ServerConfig serverConfig(int p) {
    return new ServerConfig("127.0.0.1", p, dir.resolve("server"), Optional.empty(), 1);
  }

  void stopPlane() throws Exception {
    plane.close();
    planeUp = false;
  }

  void restartPlane() throws Exception {
    plane = ControlPlane.start(serverConfig(port), "test");
    planeUp = true;
  }

  /**
   * Records {@code runId} on the control plane as a run of this host (the audit store takes
   * receipts only for those) and returns its work item. A run made while the plane is down must be
   * recorded before.
   */
  String record(String runId) {
    String known = workItems.get(runId);
    if (known != null) {
      return known;
    }
    if (!planeUp) {
      throw new IllegalStateException("record " + runId + " before the control plane stops");
    }
    String workItem = TestRuns.recordRun(plane, runId, hostId, owner.id());
    workItems.put(runId, workItem);
    return workItem;
  }

  /** One run's wiring. */
  final class Run implements AutoCloseable {
    final String runId;
    final ControlPlaneLink link = new ControlPlaneLink();
    final ReceiptUploader uploader;
    final RunChain chain;
    final Gate gate;
    final Workspace ws;

    Run(String runId, Gate.Timing timing, Function<ReceiptJournal, ReceiptJournal> journalWrap)
        throws Exception {
      this(runId, timing, journalWrap, false);
    }

    /** With {@code removeWhenDone}, the journal is deleted once ended and all acknowledged. */
    Run(
        String runId,
        Gate.Timing timing,
        Function<ReceiptJournal, ReceiptJournal> journalWrap,
        boolean removeWhenDone)
        throws Exception {
      this.runId = runId;
      String workItem = record(runId);
      ReceiptJournal local = journalWrap.apply(RunJournals.open(queue, runId));
      ReceiptUploader u =
          new ReceiptUploader(
              plane.url(),
              deviceToken,
              runId,
              local,
              link,
              Duration.ofMillis(50),
              Duration.ofMillis(400));
      if (removeWhenDone) {
        u.removeWhenDone(RunJournals.file(queue, runId));
      }
      uploader = u.start();
      chain =
          RunChain.start(
              runId,
              Optional.of(workItem),
              new HostKeySigner(hostId, hostKey),
              uploader,
              Clock.systemUTC(),
              1);
      ws =
          Workspace.open(
              workspace, policy.files(), ToolLimits.standard().withTimeout(Duration.ofSeconds(20)));
      ApprovalClient approvals =
          new ApprovalClient(
              plane.url(), deviceToken, Duration.ofMillis(500), Duration.ofMillis(100));
      gate =
          new Gate(
              new Gate.RunContext(runId, Optional.of(workItem), hostId, "default"),
              Gate.decider(policy, ws),
              ws,
              Tools.standard(),
              scrubber,
              KeyedHmac.generate("runner"),
              chain,
              approvals::raiseAndAwait,
              link,
              timing);
    }

    Run(String runId, Gate.Timing timing) throws Exception {
      this(runId, timing, j -> j);
    }

    @Override
    public void close() {
      uploader.close();
    }
  }

  /** The run's receipts as the audit store holds them (read as the signed-in owner). */
  HttpResponse<String> storedReceipts(String runId) throws Exception {
    return WebClient.bearer(
        plane.url(), userToken, "GET", "/api/runs/" + runId + "/receipts", null);
  }

  HttpResponse<String> export(String runId) throws Exception {
    return WebClient.bearer(plane.url(), userToken, "GET", "/api/audit/export?run=" + runId, null);
  }

  @Override
  public void close() throws Exception {
    plane.close();
  }
}
