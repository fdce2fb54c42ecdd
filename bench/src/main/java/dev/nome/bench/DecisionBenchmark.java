package dev.nome.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.Tier;
import dev.nome.core.policy.Decision;
import dev.nome.core.policy.Policies;
import dev.nome.core.policy.Policy;
import dev.nome.core.policy.PolicyDecider;
import dev.nome.core.policy.RunState;
import dev.nome.core.policy.ToolCall;
import dev.nome.core.policy.files.FileGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full decision for one tool call: the file gateway on the call's path (resolution, rules,
 * protected locations) and the tool policy matrix. SampleTime mode, so JMH reports percentiles
 * (p50, p99) in microseconds.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DecisionBenchmark {

  private Path root;
  private PolicyDecider decider;
  private RunState state;
  private ToolCall readSource;
  private ToolCall readThroughSymlink;
  private ToolCall shell;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    root = Files.createTempDirectory("nome-decision-bench").toRealPath();
    Path home = root.resolve("home");
    Path workspace = home.resolve("projects/app");
    Files.createDirectories(workspace.resolve("src/main/java/dev/example"));
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(workspace.resolve("src/main/java/dev/example/App.java"), "class App {}");
    Files.writeString(home.resolve(".ssh/id_ed25519"), "key");
    Files.createSymbolicLink(workspace.resolve("keys"), home.resolve(".ssh"));
    Policy policy = Policies.shippedPolicy();
    decider = PolicyDecider.of(policy, FileGateway.create(workspace, home, home, policy.files()));
    state = RunState.start().after("read_file", policy).after("shell", policy);
    ObjectMapper json = new ObjectMapper();
    ObjectNode source = json.createObjectNode().put("path", "src/main/java/dev/example/App.java");
    ObjectNode key = json.createObjectNode().put("path", "keys/id_ed25519");
    readSource = ToolCall.of("read_file", source);
    readThroughSymlink = ToolCall.of("read_file", key);
    shell = ToolCall.of("shell", json.createObjectNode().put("command", "ls"));
    check(decider.decide(state, readSource, Tier.READ), "allow");
    check(decider.decide(state, readThroughSymlink, Tier.READ), "deny");
  }

  private static void check(Decision d, String expected) {
    if (!d.outcome().equals(expected)) {
      throw new IllegalStateException("expected " + expected + ", got " + d);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** read_file on a workspace source file: allowed. */
  @Benchmark
  public Decision readWorkspaceFile() {
    return decider.decide(state, readSource, Tier.READ);
  }

  /** read_file through a symlink into ~/.ssh: denied by the gateway. */
  @Benchmark
  public Decision readKeyThroughSymlink() {
    return decider.decide(state, readThroughSymlink, Tier.READ);
  }

  /** A shell call with its tier already known: the policy matrix alone. */
  @Benchmark
  public Decision shellPolicyOnly() {
    return decider.decide(state, shell, Tier.WRITE);
  }
}
