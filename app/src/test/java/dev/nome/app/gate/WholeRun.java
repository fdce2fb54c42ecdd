package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.policy.Policies;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.route.Route;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.launch.ByokSession;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.RunLauncher;
import dev.nome.runner.launch.RunNotices;
import dev.nome.runner.launch.RunPlan;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.tokens.DeviceTokenStore;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.runner.tokens.RunnerConfig;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A whole byok run as {@code nome run} drives it: a real control plane (SQLite, its own runs store
 * and model proxy) in front of a scripted provider, the owner signed in, a key in the vault, and
 * this test as a host paired with its own host key, loaded into a {@link HostSession} from a NOME
 * home. {@link #run} launches through {@link RunLauncher} and runs through {@link ByokSession}.
 */
final class WholeRun implements AutoCloseable {

  static final String KEY =
      "sk-ant-api03-wholeRunProviderKey0123456789abcdefghijklmnopqrstuvwxyz01";

  final Path dir;
  final Path workspace;
  final ScriptedModelServer model;
  private volatile ControlPlane plane;
  final int port;
  final WebClient browser;
  final String userToken;
  final String keyId;
  final NomeHome home;
  final HostSession host;

  /** What one run left behind, as the terminal saw it. */
  record Ran(
      String runId,
      String workItemId,
      RunResult result,
      List<String> approvals,
      List<String> problems) {}

  WholeRun(Path dir, List<ScriptedTurn> script) throws Exception {
    this.dir = dir;
    this.workspace = Files.createDirectories(dir.resolve("workspace")).toRealPath();
    this.model = ScriptedModelServer.start(KEY, script);
    try {
      plane = ControlPlane.start(config(0), "test");
      port = plane.port();
      browser = WebClient.owner(plane, TestByok.PASSWORD);
      userToken = Approvals.userToken(plane, TestByok.PASSWORD);
      ObjectNode key = WebClient.JSON.createObjectNode();
      key.put("provider", "anthropic").put("name", "work").put("key", KEY);
      var added = WebClient.bearer(plane.url(), userToken, "POST", "/api/keys", key.toString());
      assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
      keyId = WebClient.json(added).get("id").asText();
      // The pairing, saved in a NOME home the way nome pair leaves it.
      HostKey hostKey = HostKey.generate();
      var issued =
          plane.pairLocalHost(
              new HostInfo("runner-box", "Linux", "dev", hostKey.publicKeyBase64()));
      home = new NomeHome(dir.resolve("home"));
      home.ensure();
      new DeviceTokenStore(home).save(issued.deviceToken());
      new RunnerConfig(home).setServer(plane.url());
      hostKey.save(home);
      host = HostSession.load(home);
      assertThat(host.hostId()).isEqualTo(issued.host().id());
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  private ServerConfig config(int p) {
    return new ServerConfig("127.0.0.1", p, dir.resolve("server"), Optional.empty(), 1)
        .withModelProxy(TestByok.fast(model));
  }

  ControlPlane plane() {
    return plane;
  }

  void stopPlane() throws Exception {
    ControlPlane p = plane;
    plane = null;
    p.close();
  }

  /** Starts the control plane again on the same data directory and port. */
  void restartPlane() throws Exception {
    plane = ControlPlane.start(config(port), "test");
  }

  RunPlan plan(String task) throws Exception {
    return new RunPlan(
        new RunPlan.WorkItemChoice.New("fail closed"),
        Route.parse("byok:work"),
        workspace,
        "default",
        Policies.shippedPolicy(),
        task);
  }

  /** Launches {@code plan} and runs it to its end; {@code beforeRun} sees the run's id first. */
  Ran run(RunPlan plan, Gate.Timing timing, RunListener hook, RunIdHook beforeRun)
      throws Exception {
    RunsClient registry = new RunsClient(host.server(), host.deviceToken(), host.scrubber());
    RunLauncher.Launch launch =
        new RunLauncher(
                registry,
                cli -> {
                  throw new AssertionError("a byok route probes no seat");
                })
            .launch(plan);
    assertThat(launch).isInstanceOf(RunLauncher.Launch.Started.class);
    var started = (RunLauncher.Launch.Started) launch;
    beforeRun.accept(started.run().id());
    List<String> approvals = new CopyOnWriteArrayList<>();
    List<String> problems = new CopyOnWriteArrayList<>();
    RunResult result =
        new ByokSession(host, registry, timing, 1)
            .run(
                started.workItemId(),
                started.run(),
                plan,
                hook,
                new RunNotices() {
                  @Override
                  public void approvalRaised(String approvalId) {
                    approvals.add(approvalId);
                  }

                  @Override
                  public void problem(String line) {
                    problems.add(line);
                  }
                });
    return new Ran(started.run().id(), started.workItemId(), result, approvals, problems);
  }

  Ran run(RunPlan plan, Gate.Timing timing, RunListener hook) throws Exception {
    return run(plan, timing, hook, id -> {});
  }

  /** Sees the run's id before it runs. */
  @FunctionalInterface
  interface RunIdHook {
    void accept(String runId) throws Exception;
  }

  HttpResponse<String> asOwner(String method, String path) throws Exception {
    return WebClient.bearer(plane.url(), userToken, method, path, null);
  }

  /** The run as the control plane records it ({@code GET /api/runs/{id}}). */
  JsonNode stored(String runId) throws Exception {
    var res = asOwner("GET", "/api/runs/" + runId);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return WebClient.json(res);
  }

  /** The run's receipts as the audit store holds them. */
  JsonNode storedReceipts(String runId) throws Exception {
    return WebClient.json(asOwner("GET", "/api/runs/" + runId + "/receipts"));
  }

  /** Exports the run's receipts and checks the bundle verifies; returns the bundle. */
  String verifiedExport(String runId) throws Exception {
    var bundle = asOwner("GET", "/api/audit/export?run=" + runId);
    assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
    var verified =
        new BundleVerifier(host.scrubber()::scrub, Optional.empty())
            .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(verified.ok()).as(verified.toString()).isTrue();
    return bundle.body();
  }

  void removeKey() throws Exception {
    var res = asOwner("DELETE", "/api/keys/" + keyId);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(204);
  }

  void revokeHost() throws Exception {
    var res = asOwner("POST", "/api/hosts/" + host.hostId() + "/revoke");
    assertThat(res.statusCode()).as(res.body()).isLessThan(300);
  }

  @Override
  public void close() throws Exception {
    try {
      if (plane != null) {
        plane.close();
      }
    } finally {
      model.close();
    }
  }
}
