package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.policy.Policies;
import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.route.Route;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.RunNotices;
import dev.nome.runner.launch.RunPlan;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.launch.SeatSession;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.seats.EnvironmentFilter;
import dev.nome.runner.seats.HookGate;
import dev.nome.runner.seats.SeatCli;
import dev.nome.runner.seats.SeatOutcome;
import dev.nome.runner.tokens.HostKey;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A seat run recorded on a test control plane: this host paired (its queue under {@code dir/nome}),
 * a work item, the plan and the created run, as {@code nome run} would have them after resolving a
 * signed-in seat.
 */
record SeatRunFixture(
    HostSession host,
    RunsClient registry,
    String workItem,
    RunPlan plan,
    RunRegistry.CreatedRun run) {

  static SeatRunFixture create(
      TestByok t, Path dir, Path workspace, SecretScrubber scrubber, String task) throws Exception {
    return create(t, dir, workspace, scrubber, task, "claude", "2.1.197");
  }

  /** The same for the seat of {@code cli} at {@code version}. */
  static SeatRunFixture create(
      TestByok t,
      Path dir,
      Path workspace,
      SecretScrubber scrubber,
      String task,
      String cli,
      String version)
      throws Exception {
    HostKey hostKey = HostKey.generate();
    var issued =
        t.plane.pairLocalHost(new HostInfo("seat-box", "Linux", "dev", hostKey.publicKeyBase64()));
    HostSession host =
        new HostSession(
            t.plane.url(),
            issued.deviceToken(),
            issued.host().id(),
            hostKey,
            dir.resolve("nome/queue"),
            scrubber);
    RunsClient registry = new RunsClient(host.server(), host.deviceToken(), scrubber);
    String workItem = registry.createWorkItem("seat run", "");
    RunPlan plan =
        new RunPlan(
            new RunPlan.WorkItemChoice.Existing(workItem),
            Route.parse("seat:" + cli),
            workspace.toRealPath(),
            "default",
            Policies.shippedPolicy(),
            task);
    RunRegistry.CreatedRun run =
        registry.create(
            new RunRegistry.NewRun(
                workItem,
                "seat:" + cli,
                plan.workspace().toString(),
                "default",
                task,
                Optional.of(cli),
                Optional.of(version),
                Optional.of("signed-in")));
    return new SeatRunFixture(host, registry, workItem, plan, run);
  }

  /** What a test reads of a run's progress: one line per decided call, each stretch of the CLI. */
  static final class Progress implements RunListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<Integer> stretches = new CopyOnWriteArrayList<>();

    @Override
    public void step(int step) {
      stretches.add(step);
    }

    @Override
    public void toolCall(String summary) {
      lines.add(summary);
    }
  }

  /** Runs the seat of {@code cli} for this fixture's run with the runner's {@code environment}. */
  RunResult run(SeatCli cli, Map<String, String> environment, Progress progress) throws Exception {
    return new SeatSession(host, registry, cli, environment, Gate.Timing.standard())
        .run(workItem, run, plan, progress, new RunNotices() {});
  }

  /** A runner's environment: a plain PATH, {@code home}, a locale, and {@code extra} pairs. */
  static Map<String, String> environment(Path home, String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return Map.copyOf(env);
  }

  static SecretScrubber randomScrubber() {
    byte[] fp = new byte[32];
    new SecureRandom().nextBytes(fp);
    return SecretScrubber.create(fp);
  }

  /**
   * The run as the control plane keeps it: succeeded, its exported bundle holding none of {@code
   * absent} and all of {@code present}, and verifying; the run's folder (the gate's token, the
   * CLI's home for the run) gone from this host.
   */
  void assertRecorded(
      TestByok t, Path dir, SecretScrubber scrubber, List<String> absent, List<String> present)
      throws Exception {
    JsonNode stored =
        WebClient.json(
            WebClient.bearer(t.plane.url(), t.userToken, "GET", "/api/runs/" + run.id(), null));
    assertThat(stored.path("status").asText()).isEqualTo("succeeded");
    var bundle =
        WebClient.bearer(
            t.plane.url(), t.userToken, "GET", "/api/audit/export?run=" + run.id(), null);
    absent.forEach(a -> assertThat(bundle.body()).doesNotContain(a));
    present.forEach(p -> assertThat(bundle.body()).contains(p));
    var verified =
        new BundleVerifier(scrubber::scrub, Optional.empty())
            .verify(new ByteArrayInputStream(bundle.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(verified.ok()).as(verified.toString()).isTrue();
    // The run's folder went with the run: its hook token, and the CLI's own record of the run.
    assertThat(dir.resolve("nome/seats/" + run.id())).doesNotExist();
  }

  /**
   * One stretch of {@code seat} with the task "do it", its run folder under {@code dir}, with no
   * control plane: {@code hooks} decide the calls, and the runner's environment is filtered first.
   */
  static SeatOutcome runDirect(
      SeatCli seat, Path dir, Path ws, HookGate hooks, Map<String, String> environment)
      throws Exception {
    Path runDir = dir.resolve("nome/seats/run-1");
    Map<String, String> filtered = EnvironmentFilter.standard().apply(environment).environment();
    seat.prepare(runDir, ws, hooks, filtered);
    return seat.run(
        ws,
        filtered,
        Optional.of("do it"),
        Optional.empty(),
        Optional.empty(),
        hooks,
        runDir,
        () -> false);
  }

  /**
   * The run's hook endpoint over a gate of its own ({@link ClaudeSeatFailClosedTest#localGate}).
   */
  static HookGate localHooks(SeatCli seat, Path ws, Approvals approvals) throws Exception {
    return HookGate.start(
        ClaudeSeatFailClosedTest.localGate(ws, new CopyOnWriteArrayList<>(), approvals),
        null,
        seat.tools(),
        seat.pause(),
        r -> {});
  }

  /** {@link #runDirect} with a gate of its own that asks nobody (no call needs a person). */
  static SeatOutcome runAlone(SeatCli seat, Path dir, Path ws, Map<String, String> environment)
      throws Exception {
    try (HookGate hooks = localHooks(seat, ws, ask -> null)) {
      return runDirect(seat, dir, ws, hooks, environment);
    }
  }
}
