package dev.nome.bench;

import dev.nome.core.policy.Policy;
import dev.nome.core.policy.PolicyLayer;
import dev.nome.core.policy.PolicyParser;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.agent.AgentLoop;
import dev.nome.runner.agent.AgentSettings;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.model.ProxyModelClient;
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
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.model.ByokRunTarget;
import dev.nome.server.model.ModelProxySettings;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.vault.Provider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A BYOK run's tool calls per second: NOME's loop against a scripted provider through the control
 * plane's model proxy (loopback HTTP both ways), every call through the gate with durable, signed,
 * uploaded receipts. Each model turn asks for one read_file; the figure is calls over the run's
 * wall time, so it includes the model round trips.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.nome.bench.ByokRunThroughput [tool calls, default 500]
 * </pre>
 */
public final class ByokRunThroughput {

  private static final String KEY =
      "sk-ant-api03-benchThroughputKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";

  private ByokRunThroughput() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    List<ScriptedTurn> script = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      script.add(
          ScriptedTurn.tools(
              "",
              new ScriptedTurn.ToolCall("toolu_" + i, "read_file", "{\"path\":\"README.md\"}")));
    }
    script.add(ScriptedTurn.text("done"));
    Path dir = Files.createTempDirectory("nome-byok-bench-");
    Map<String, ByokRunTarget> runs = new java.util.concurrent.ConcurrentHashMap<>();
    try (ScriptedModelServer model = ScriptedModelServer.start(KEY, script);
        ControlPlane plane =
            ControlPlane.start(
                new ServerConfig("127.0.0.1", 0, dir.resolve("server"), Optional.empty(), 1)
                    .withModelProxy(
                        ModelProxySettings.defaults()
                            .withBaseUrls(Map.of(Provider.ANTHROPIC, model.anthropicBaseUrl()))),
                "bench",
                (runId, hostId) -> Optional.ofNullable(runs.get(runId)))) {
      String secret = plane.ownerSetupLink().orElseThrow().getPath().replace("/welcome/", "");
      var owner =
          plane.services().accounts().useSetupLink(secret, "bench owner password").orElseThrow();
      String user = plane.services().userTokens().issue(owner, "bench");
      String keyId = addKey(plane.url(), user);
      HostKey hostKey = HostKey.generate();
      var issued =
          plane.pairLocalHost(
              new HostInfo("bench-host", "Linux", "bench", hostKey.publicKeyBase64()));
      String runId = "bench-byok-1";
      runs.put(runId, new ByokRunTarget(owner.id(), keyId, Optional.empty()));

      Path ws = Files.createDirectories(dir.resolve("workspace"));
      Files.writeString(ws.resolve("README.md"), "a small project\n");
      byte[] fp = new byte[32];
      new SecureRandom().nextBytes(fp);
      SecretScrubber scrubber = SecretScrubber.create(fp);
      Policy policy =
          Policy.of(
              PolicyParser.parse(
                  PolicyLayer.Kind.SHIPPED,
                  "bench policy",
                  """
                  [run]
                  budget = 1000000000
                  [defaults]
                  max_calls_per_run = 1000000
                  approve_at = "danger"
                  offline = "allow-read"
                  cost_weight = 1
                  roles = ["*"]
                  """));
      ControlPlaneLink link = new ControlPlaneLink();
      try (ReceiptUploader uploader =
          new ReceiptUploader(
                  plane.url(),
                  issued.deviceToken(),
                  runId,
                  RunJournals.open(dir.resolve("queue"), runId),
                  link)
              .start()) {
        RunChain chain =
            RunChain.start(
                runId,
                Optional.empty(),
                new HostKeySigner(issued.host().id(), hostKey),
                uploader,
                Clock.systemUTC(),
                1);
        Workspace workspace = Workspace.open(ws, policy.files(), ToolLimits.standard());
        Gate gate =
            new Gate(
                new Gate.RunContext(runId, Optional.empty(), issued.host().id(), "default"),
                Gate.decider(policy, workspace),
                workspace,
                Tools.standard(),
                scrubber,
                KeyedHmac.generate("bench"),
                chain,
                new ApprovalClient(plane.url(), issued.deviceToken())::raiseAndAwait,
                link,
                Gate.Timing.standard());
        long start = System.nanoTime();
        RunOutcome outcome =
            new AgentLoop(
                    new ProxyModelClient(plane.url(), issued.deviceToken(), runId),
                    gate,
                    new AgentSettings(Optional.empty(), "bench", 256, calls + 1),
                    scrubber,
                    RunListener.NONE)
                .run(
                    "read",
                    new RouteRecord(
                        "byok", "byok-metered", "anthropic", "none", scrubber.scrub(""), "m"));
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean uploaded = uploader.flush(Duration.ofMinutes(2));
        System.out.printf(
            Locale.ROOT,
            "%s after %d tool calls in %.2f s: %.1f tool calls/s (model turns %d, all receipts"
                + " uploaded: %s)%n",
            outcome.status(),
            outcome.toolCalls(),
            seconds,
            outcome.toolCalls() / seconds,
            outcome.steps(),
            uploaded);
      }
    }
  }

  private static String addKey(URI server, String userToken) throws Exception {
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.resolve("/api/keys"))
                    .header("Authorization", "Bearer " + userToken)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"provider\":\"anthropic\",\"name\":\"bench\",\"key\":\""
                                + KEY
                                + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 201) {
      throw new IllegalStateException("adding the key failed: " + res.statusCode());
    }
    var m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(res.body());
    if (!m.find()) {
      throw new IllegalStateException("no key id in the answer");
    }
    return m.group(1);
  }
}
