package dev.nome.app;

import dev.nome.core.policy.Policy;
import dev.nome.core.receipt.Verification;
import dev.nome.core.route.Route;
import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.control.HostRunner;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.RunPlan;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.server.ControlPlane;
import dev.nome.server.model.ScriptedModelServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code nome demo}: a short BYOK run through the real gate, with no account and no provider key.
 * It uses the control plane {@code nome up} serves here (or starts one the same way), pairs this
 * computer if needed, starts a scripted model server on loopback with a fresh key that it adds to
 * the owner's vault as {@code nome-demo} (an OpenAI-compatible key whose base URL is that server),
 * makes a small project in an empty folder, and runs the script of {@link DemoWorkspace} with
 * {@code nome run}'s code. At the end it exports the run's audit bundle, verifies it offline, and
 * checks what the demo promised: the credential file was refused, the planted token reached no
 * receipt, artifact or model request, NOTES.md was written, and the dangerous command ran only if a
 * person approved it.
 */
final class Demo {

  /** The model name the demo's route asks for; the scripted server answers any. */
  static final String MODEL = "scripted-demo";

  static final String WORK_ITEM = "NOME demo";
  static final String BUNDLE = "audit-bundle.json";

  /**
   * What the demo was asked.
   *
   * @param dataDir the control plane's data directory (used to find a serving one, or to start one)
   * @param port the port of a control plane started here
   * @param workspace an empty or new folder for the demo project; null for a new temporary one
   * @param keepServing whether a control plane started here keeps serving after the run
   */
  record Settings(
      NomeHome home,
      Path dataDir,
      int port,
      Path workspace,
      boolean keepServing,
      Policy policy,
      Map<String, String> env) {
    Settings {
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(policy, "policy");
      env = Map.copyOf(env);
    }
  }

  private final Settings settings;
  private final OutputStream terminal;

  Demo(Settings settings, OutputStream terminal) {
    this.settings = settings;
    this.terminal = terminal;
  }

  /** Runs the demo; returns its exit code (0: it went as scripted and the bundle verified). */
  int run() throws Exception {
    if (settings.workspace() != null) {
      DemoWorkspace.requireEmpty(settings.workspace()); // before anything starts
    }
    NomeHome home = settings.home();
    home.ensure();
    SecretScrubber scrubber =
        SecretScrubber.create(FingerprintKey.loadOrCreate(home.file(HostSession.FINGERPRINT_KEY)));
    // Everything the demo prints passes the scrubber, as everything else NOME shows does (P5).
    PrintStream out = new PrintStream(scrubber.wrap(terminal), true, StandardCharsets.UTF_8);
    out.println("NOME demo: an agent run through the gate, with a scripted model on this machine.");
    RunnerHome rh = new RunnerHome(home);
    Optional<DemoPlane> serving = DemoPlane.find(settings.dataDir());
    DemoPlane plane =
        serving.isPresent()
            ? serving.get()
            : DemoPlane.start(settings.dataDir(), settings.port(), settings.env(), out);
    // A control plane started here is closed once: at the end with --exit, or on Ctrl-C.
    AtomicReference<HostRunner> runner = new AtomicReference<>();
    AtomicBoolean closed = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (closed.compareAndSet(false, true)) {
            Optional.ofNullable(runner.get()).ifPresent(HostRunner::stop);
            try {
              plane.close();
            } catch (IOException | RuntimeException e) {
              System.err.println("nome: error while stopping: " + e.getMessage());
            }
          }
        };
    Thread hook = new Thread(stop, "nome-demo-shutdown");
    if (plane.started().isPresent()) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    boolean keep = false;
    try {
      if (serving.isPresent()) {
        out.println("Using the control plane serving at " + plane.url());
        requirePairedWith(rh, plane.url());
      } else if (!LocalPairing.ensurePaired(plane.started().orElseThrow(), rh, out)) {
        throw new IllegalStateException(
            "nome demo needs this computer paired with the local control plane; unpair it first"
                + " (nome pair unpair) or set NOME_HOME to another folder");
      }
      int code = demo(HostSession.load(home), plane, scrubber, out);
      keep = plane.started().isPresent() && settings.keepServing();
      if (keep) {
        runner.set(LocalPairing.startRunner(rh, out));
        out.println();
        out.println(
            "The control plane keeps serving at "
                + plane.url()
                + " so you can look at the run (sign in as the owner). Press Ctrl-C to stop.");
        if (plane.started().flatMap(ControlPlane::ownerSetupLink).isPresent()) {
          out.println("First time? Set the owner's password with the one-time link printed above.");
        }
        new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook closes the plane
      } else if (plane.started().isPresent()) {
        out.println("Stopping the control plane started for this demo.");
      }
      return code;
    } finally {
      if (!keep && plane.started().isPresent()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down: the hook closes the plane
        }
        stop.run();
      }
      out.flush();
    }
  }

  private int demo(HostSession host, DemoPlane plane, SecretScrubber scrubber, PrintStream out)
      throws Exception {
    DemoSecrets secrets = DemoSecrets.generate(new SecureRandom(), scrubber);
    Path ws = DemoWorkspace.create(settings.workspace(), secrets.plantedToken());
    out.println(
        "Workspace: " + ws + " (a small project with a token planted in build.log and .env)");
    Watch watch = new Watch();
    RunCommand.Followed followed;
    List<String> modelSaw;
    try (ScriptedModelServer model =
        ScriptedModelServer.start(secrets.modelKey(), DemoWorkspace.script())) {
      DemoOwner owner = new DemoOwner(plane.url(), plane.ownerToken());
      owner.installKey(model.openAiBaseUrl(), secrets.modelKey());
      out.println(
          "Model: a scripted model server at "
              + model.openAiBaseUrl()
              + ", in the vault as the key "
              + DemoOwner.KEY_NAME
              + " (made for this demo; no provider is called)");
      out.println();
      out.println(
          "The agent will ask to run `"
              + DemoWorkspace.DANGEROUS_COMMAND
              + "`. The classifier cannot know what that removes before it runs,");
      out.println(
          "so the run waits for you: approve or deny it at "
              + plane.url().resolve("/approvals")
              + " or with nome approvals.");
      out.println();
      RunPlan plan =
          new RunPlan(
              new RunPlan.WorkItemChoice.New(WORK_ITEM),
              Route.parse("byok:" + DemoOwner.KEY_NAME + "/" + MODEL),
              ws,
              "default",
              settings.policy(),
              DemoWorkspace.TASK);
      followed = RunCommand.follow(host, plan, out, watch);
      modelSaw = model.whereSeen(secrets.plantedToken());
      shownToModel(model.received())
          .ifPresent(
              line -> {
                out.println();
                out.println("build.log's token line, as the model was shown it:");
                out.println("  " + line);
              });
    }
    out.println();
    if (followed.runId().isEmpty()) {
      out.println("The demo run did not start; see above.");
      return 1;
    }
    String runId = followed.runId().get();
    out.println("See the run at " + plane.url().resolve("/runs/" + runId));
    Path bundle = ws.resolve(BUNDLE);
    AuditExportCommand.download(
        plane.url(),
        Optional.of(plane.ownerToken()),
        List.of("run=" + URLEncoder.encode(runId, StandardCharsets.UTF_8)),
        bundle);
    Verification verified = AuditVerifyCommand.verify(bundle, Optional.empty());
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            followed.outcome().map(o -> o.succeeded()).orElse(false), "the run ended as scripted"));
    checks.add(
        new Check(
            watch.calls.stream().anyMatch(c -> c.startsWith("list_dir [read] allowed:"))
                && watch.calls.stream()
                    .anyMatch(
                        c -> c.startsWith("read_file [read] allowed:") && c.contains("README.md")),
            "the reads ran without asking anyone"));
    checks.add(
        new Check(
            watch.calls.stream()
                .anyMatch(
                    c ->
                        c.startsWith("read_file ")
                            && c.contains(DemoWorkspace.CREDENTIAL_FILE)
                            && c.contains("] denied:")),
            "the file gateway refused to read " + DemoWorkspace.CREDENTIAL_FILE));
    checks.add(
        new Check(
            tokenNowhere(secrets.plantedToken(), bundle, plane, runId, modelSaw),
            "the planted token is in no receipt, no artifact and no request to the model"));
    checks.add(new Check(Files.isRegularFile(ws.resolve(DemoWorkspace.NOTES)), "NOTES.md written"));
    checks.add(dangerousCheck(watch.approval, ws));
    checks.add(
        switch (verified) {
          case Verification.Verified v ->
              new Check(
                  true,
                  "the audit bundle verified: "
                      + v.receipts()
                      + " signed receipts, in the audit log at size "
                      + v.logSize());
          case Verification.Failed f ->
              new Check(false, "the audit bundle does not verify: " + f.problem().describe());
        });
    out.println("Checks:");
    for (Check c : checks) {
      out.println((c.ok() ? "  ok    " : "  FAIL  ") + c.what());
    }
    out.println(
        "Audit bundle: " + bundle + " (check it again with: nome audit verify " + bundle + ")");
    boolean ok = checks.stream().allMatch(Check::ok);
    out.println(ok ? "The demo went as scripted." : "The demo did not go as scripted.");
    return ok ? 0 : 1;
  }

  private static Check dangerousCheck(String approval, Path ws) {
    boolean buildThere = Files.exists(ws.resolve(DemoWorkspace.BUILD_DIR));
    String command = "`" + DemoWorkspace.DANGEROUS_COMMAND + "`";
    if (approval.isEmpty()) {
      return new Check(false, command + " did not wait for a person");
    }
    if (approval.equals("approved")) {
      return new Check(!buildThere, command + " waited, was approved, and removed build/");
    }
    return new Check(
        buildThere,
        command + " waited and was " + approval + "; it did not run, build/ is still there");
  }

  /** The planted token's line of build.log in what the model received (a JSON string). */
  private static Optional<String> shownToModel(List<ScriptedModelServer.Received> received) {
    String marker = "[deploy] authenticating with ";
    for (ScriptedModelServer.Received r : received) {
      int at = r.body().indexOf(marker);
      if (at >= 0) {
        int end = r.body().indexOf("\\n", at);
        return Optional.of(r.body().substring(at, end < 0 ? r.body().length() : end));
      }
    }
    return Optional.empty();
  }

  private static boolean tokenNowhere(
      String token, Path bundle, DemoPlane plane, String runId, List<String> modelSaw)
      throws IOException, InterruptedException {
    if (!modelSaw.isEmpty() || Files.readString(bundle, StandardCharsets.UTF_8).contains(token)) {
      return false;
    }
    for (DemoOwner.Artifact a : new DemoOwner(plane.url(), plane.ownerToken()).artifacts(runId)) {
      if (a.text().contains(token)) {
        return false;
      }
    }
    return true;
  }

  private static void requirePairedWith(RunnerHome rh, URI url) throws IOException {
    Optional<URI> paired = rh.config.server().map(RunnerHome::normalize);
    if (rh.tokens.load().isEmpty() || paired.isEmpty() || !paired.get().equals(url)) {
      throw new IllegalStateException(
          "this computer is not paired with the control plane at "
              + url
              + "; pair it with: nome pair --server "
              + url
              + " (nome up pairs it unless started with --no-local-runner)");
    }
  }

  private record Check(boolean ok, String what) {}

  /** What the run told about the approval and the tool calls. */
  private static final class Watch implements RunListener {
    volatile String approval = "";
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void approvalDone(String tool, String outcome) {
      approval = outcome;
    }

    @Override
    public void toolCall(String summary) {
      calls.add(summary);
    }
  }
}
