package dev.nome.bench;

import dev.nome.core.policy.Policy;
import dev.nome.core.receipt.KeyedHmac;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.receipts.ControlPlaneLink;
import dev.nome.runner.receipts.HostKeySigner;
import dev.nome.runner.receipts.RunJournals;
import dev.nome.runner.seats.ClaudeSeat;
import dev.nome.runner.seats.HookGate;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.runner.seats.ToolMap;
import dev.nome.runner.tokens.HostKey;
import dev.nome.runner.tools.ToolLimits;
import dev.nome.runner.tools.Tools;
import dev.nome.runner.tools.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One PreToolUse hook of a Claude Code seat, end to end as Claude Code runs it: a process running
 * NOME's hook script ({@code node hook.js …}) with the hook's JSON on stdin, which posts it to the
 * run's {@link HookGate}, where the gate decides (classification, file gateway, policy, the intent
 * forced to disk and signed) and answers. Beside it, in alternation so both see the same machine, a
 * hook that answers {@code allow} at once ({@code node} printing the answer). The difference is
 * what NOME adds to each tool call of a seat.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.nome.bench.HookRoundTrip [calls, default 200]
 * </pre>
 */
public final class HookRoundTrip {

  private HookRoundTrip() {}

  static final String ALLOW_AT_ONCE =
      "let s='';process.stdin.on('data',c=>s+=c);process.stdin.on('end',()=>{process.stdout.write("
          + "'{\"hookSpecificOutput\":{\"hookEventName\":\"PreToolUse\",\"permissionDecision\":"
          + "\"allow\",\"permissionDecisionReason\":\"ok\"}}');});";

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = Math.max(20, calls / 10);
    Path node =
        SeatProbe.find("node", Map.of("PATH", System.getenv().getOrDefault("PATH", "")))
            .orElseThrow(() -> new IllegalStateException("node is not on the PATH"));
    Path dir = Files.createTempDirectory("nome-hook-bench-");
    Path ws = Files.createDirectories(dir.resolve("workspace"));
    Files.writeString(ws.resolve("README.md"), "a project\n");
    Policy policy = GateOverhead.generousPolicy();
    byte[] fp = new byte[32];
    new SecureRandom().nextBytes(fp);
    SecretScrubber scrubber = SecretScrubber.create(fp);
    Workspace workspace = Workspace.open(ws, policy.files(), ToolLimits.standard());
    RunChain chain =
        RunChain.start(
            "bench-run",
            Optional.empty(),
            new HostKeySigner("bench-host", HostKey.generate()),
            RunJournals.open(dir.resolve("queue"), "bench-run"),
            Clock.systemUTC(),
            1);
    Gate gate =
        new Gate(
            new Gate.RunContext("bench-run", Optional.empty(), "bench-host", "default"),
            Gate.decider(policy, workspace),
            workspace,
            Tools.standard(),
            scrubber,
            KeyedHmac.generate("bench"),
            chain,
            ask -> {
              throw new IllegalStateException("no approval in this benchmark");
            },
            new ControlPlaneLink(),
            Gate.Timing.standard());
    try (HookGate hooks = HookGate.start(gate, null, ToolMap.claude(), r -> {})) {
      Path runDir = dir.resolve("seats/bench-run");
      ClaudeSeat.prepare(runDir, hooks.token());
      List<String> nome =
          List.of(
              node.toString(),
              runDir.resolve("hook.js").toString(),
              hooks.url().toString(),
              runDir.resolve("token").toString(),
              "30000",
              "guard");
      List<String> plain = List.of(node.toString(), "-e", ALLOW_AT_ONCE);
      long[] viaNome = new long[calls];
      long[] atOnce = new long[calls];
      for (int i = 0; i < warmup + calls; i++) {
        String input =
            "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Read\",\"tool_use_id\":\"toolu_"
                + i
                + "\",\"tool_input\":{\"file_path\":\""
                + ws.resolve("README.md")
                + "\"}}";
        long a = once(nome, input, true);
        long b = once(plain, input, false);
        if (i >= warmup) {
          viaNome[i - warmup] = a;
          atOnce[i - warmup] = b;
        }
      }
      print("NOME's hook, gate decision and durable signed intent", viaNome);
      print("a hook that answers allow at once", atOnce);
      long[] diff = new long[calls];
      for (int i = 0; i < calls; i++) {
        diff[i] = viaNome[i] - atOnce[i];
      }
      print("difference, call by call", diff);
    }
  }

  private static long once(List<String> cmd, String input, boolean mustAllow) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (var in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.contains("\"allow\"")) {
      throw new IllegalStateException("the hook did not allow: exit " + p.exitValue() + " " + out);
    }
    long took = System.nanoTime() - t0;
    if (mustAllow && !out.contains("NOME")) {
      throw new IllegalStateException("not NOME's answer: " + out);
    }
    return took;
  }

  private static void print(String what, long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-55s p50 %7.1f ms  p99 %7.1f ms  (%d calls)%n",
        what,
        s[s.length / 2] / 1e6,
        s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6,
        s.length);
  }
}
