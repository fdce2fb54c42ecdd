package dev.nome.bench;

import dev.nome.core.policy.Policy;
import dev.nome.core.policy.PolicyLayer;
import dev.nome.core.policy.PolicyParser;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.GateResult;
import dev.nome.runner.gate.ToolRequest;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.receipts.HostKeySigner;
import dev.nome.runner.receipts.ReceiptUploader;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tools.ToolLimits;
import dev.nome.runner.tools.Tools;
import dev.nome.runner.tools.Workspace;
import dev.nome.server.hosts.HostInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gate's own cost per tool call: classification, the file gateway, the policy, scrubbing input
 * and output, and two durable receipts (intent and result, each forced to disk and signed), with
 * the uploader sending them to a real control plane on loopback in the background. The tool's own
 * run time and any wait for a person are not counted ({@link GateResult#overheadNanos()}). With
 * {@code quiet} the uploader does not run, which separates the journal's own cost from the
 * contention of an upload (and the server's SQLite commit) running beside the calls; with {@code
 * memory} receipts are not written at all (not a mode the runner has: it shows the CPU part).
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.nome.bench.GateOverhead [calls per kind, default 2000] [full|quiet|memory] [sign every N receipts, default 1]
 * </pre>
 */
public final class GateOverhead {

  private GateOverhead() {}

  /** The shipped matrix with limits high enough for thousands of calls in one run. */
  static Policy generousPolicy() throws dev.nome.core.policy.PolicyException {
    return Policy.of(
        PolicyParser.parse(
            PolicyLayer.Kind.SHIPPED,
            "bench policy",
            """
                  [run]
                  budget = 1000000000
                  [defaults]
                  max_calls_per_run = 1000000
                  approve_at = "write"
                  offline = "deny"
                  cost_weight = 1
                  roles = ["*"]
                  [tools.shell]
                  approve_at = "danger"
                  offline = "queue"
                  [tools.read_file]
                  approve_at = "danger"
                  offline = "allow-read"
                  [tools.write_file]
                  approve_at = "danger"
                  offline = "queue"
                  """));
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = Math.max(200, calls / 4);
    String mode = args.length > 1 ? args[1] : "full";
    // quiet: receipts stay in the local journal (no upload running beside the calls);
    // memory: not even that (no disk write, no fsync): the gate's CPU cost alone, not durable
    boolean upload = mode.equals("full");
    boolean memory = mode.equals("memory");
    // receipts per chain signature; the runner signs every receipt (1) so each upload can end at it
    int signEvery = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    try (BenchPlane bench = new BenchPlane("sqlite")) {
      HostKey key = HostKey.generate();
      var issued =
          bench.plane.pairLocalHost(
              new HostInfo("bench-host", "Linux", "bench", key.publicKeyBase64()));
      Path dir = Files.createTempDirectory("nome-gate-bench-");
      Path ws = Files.createDirectories(dir.resolve("workspace"));
      Path deep = Files.createDirectories(ws.resolve("src/main/java/dev/nome/example"));
      Files.writeString(deep.resolve("Example.java"), "class Example {}\n".repeat(20));
      Files.writeString(
          ws.resolve("notes.txt"), "token ghp_R8kQz2VbN7xLpT4mW9cYhJ3sD6fG1aE5uKoi\n");
      Files.writeString(ws.resolve(".env"), "A=1\n");

      Policy policy = generousPolicy();
      byte[] fp = new byte[32];
      new SecureRandom().nextBytes(fp);
      SecretScrubber scrubber = SecretScrubber.create(fp);
      ControlPlaneLink link = new ControlPlaneLink();
      String runId = "bench-run-1";
      ReceiptUploader uploader =
          new ReceiptUploader(
              bench.plane.url(),
              issued.deviceToken(),
              runId,
              memory ? (r, sig) -> {} : RunJournals.open(dir.resolve("queue"), runId),
              link);
      if (upload) {
        uploader.start();
      }
      RunChain chain =
          RunChain.start(
              runId,
              Optional.empty(),
              new HostKeySigner(issued.host().id(), key),
              uploader,
              Clock.systemUTC(),
              signEvery);
      Workspace workspace = Workspace.open(ws, policy.files(), ToolLimits.standard());
      ApprovalClient approvals = new ApprovalClient(bench.plane.url(), issued.deviceToken());
      Gate gate =
          new Gate(
              new Gate.RunContext(runId, Optional.empty(), issued.host().id(), "default"),
              Gate.decider(policy, workspace),
              workspace,
              Tools.standard(),
              scrubber,
              KeyedHmac.generate("bench"),
              chain,
              approvals::raiseAndAwait,
              link,
              Gate.Timing.standard());

      Map<String, Map<String, Object>> kinds = new LinkedHashMap<>();
      kinds.put(
          "read_file (allowed)", Map.of("path", "src/main/java/dev/nome/example/Example.java"));
      kinds.put("read_file .env (denied)", Map.of("path", ".env"));
      kinds.put("shell cat, secret in output (allowed)", Map.of("command", "cat notes.txt"));
      kinds.put("write_file (allowed)", Map.of("path", "out.txt", "content", "x\n"));
      System.out.printf(
          Locale.ROOT,
          "%-40s %8s %9s %9s %9s%n",
          "gate overhead per call",
          "calls",
          "p50 µs",
          "p99 µs",
          "max µs");
      long n = 0;
      for (var e : kinds.entrySet()) {
        String tool =
            e.getKey().startsWith("shell")
                ? "shell"
                : e.getKey().startsWith("write") ? "write_file" : "read_file";
        long[] ns = new long[calls];
        for (int i = 0; i < warmup + calls; i++) {
          GateResult r = gate.call(ToolRequest.of("c" + (n++), tool, e.getValue()));
          if (r.stop().isPresent()) {
            throw new IllegalStateException("the run stopped: " + r.stop().get());
          }
          if (i >= warmup) {
            ns[i - warmup] = r.overheadNanos();
          }
        }
        Arrays.sort(ns);
        System.out.printf(
            Locale.ROOT,
            "%-40s %8d %9.0f %9.0f %9.0f%n",
            e.getKey(),
            calls,
            ns[calls / 2] / 1e3,
            ns[(int) Math.min(calls - 1, Math.ceil(calls * 0.99) - 1)] / 1e3,
            ns[calls - 1] / 1e3);
      }
      if (upload) {
        System.out.println(
            "uploaded: "
                + uploader.flush(Duration.ofMinutes(2))
                + " through "
                + uploader.acceptedThrough());
      }
      uploader.close();
    }
  }
}
