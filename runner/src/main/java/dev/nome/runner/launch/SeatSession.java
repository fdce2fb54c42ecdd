package dev.nome.runner.launch;

import dev.nome.core.receipt.RunStatus;
import dev.nome.core.route.StopReason;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.control.RevokedException;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.GateResult;
import dev.nome.runner.model.Usage;
import dev.nome.runner.runs.RunRegistry;
import dev.nome.runner.seats.EnvironmentFilter;
import dev.nome.runner.seats.HookGate;
import dev.nome.runner.seats.RunFolder;
import dev.nome.runner.seats.SeatApprovals;
import dev.nome.runner.seats.SeatCli;
import dev.nome.runner.seats.SeatOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One seat run on this host: the CLI the user is signed in to ({@link SeatCli}: Claude Code, Codex
 * CLI) runs the agent, and every tool call it makes is decided by the gate through NOME's hooks
 * ({@link HookGate}). The CLI gets the filtered environment (P4); NOME never reads its
 * configuration or sign-in (P3). At the end the CLI's own stream is checked against the gate's
 * records: a call the gate never decided, or a denial the gate did not make, fails the run.
 */
public final class SeatSession {

  /** The most times one run resumes its CLI after a person's answer. */
  static final int MAX_RESUMES = 100;

  private final HostSession host;
  private final RunRegistry registry;
  private final SeatCli cli;
  private final Map<String, String> environment;
  private final Gate.Timing timing;

  /**
   * @param environment the environment the runner was started with; the CLI gets it filtered
   */
  public SeatSession(
      HostSession host,
      RunRegistry registry,
      SeatCli cli,
      Map<String, String> environment,
      Gate.Timing timing) {
    this.host = host;
    this.registry = registry;
    this.cli = cli;
    this.environment = Map.copyOf(environment);
    this.timing = timing;
  }

  public RunResult run(
      String workItemId,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      RunListener progress,
      RunNotices notices)
      throws IOException, InterruptedException {
    RunOutcome outcome;
    SeatApprovals[] seatApprovals = new SeatApprovals[1];
    GatedRun gated =
        GatedRun.open(
            host,
            registry,
            workItemId,
            run,
            plan,
            timing,
            1,
            progress,
            notices,
            client -> seatApprovals[0] = new SeatApprovals(client, notices::approvalRaised));
    try (gated) {
      RunFolder folder;
      try {
        folder = RunFolder.claim(host.seatsDir(), run.id());
      } catch (IOException e) {
        outcome =
            end(
                gated.gate(),
                gated.listener,
                "stopped",
                Optional.of(StopReason.INTERNAL_ERROR),
                "the seat's run folder could not be made (" + e.getClass().getSimpleName() + ")",
                Usage.NONE,
                0);
        return new RunResult(outcome, gated.acknowledged());
      }
      try {
        outcome = run(gated, run, plan, seatApprovals[0], folder.path());
      } finally {
        try {
          folder.close();
        } catch (IOException e) {
          notices.problem(
              "the seat's run folder "
                  + folder.path()
                  + " could not be removed; it may hold the CLI's own record of the run ("
                  + e.getClass().getSimpleName()
                  + ")");
        }
      }
    }
    return new RunResult(outcome, gated.acknowledged());
  }

  /** {@code runDir}: the hook token, NOME's files for the CLI and the CLI's home for the run. */
  private RunOutcome run(
      GatedRun gated,
      RunRegistry.CreatedRun run,
      RunPlan plan,
      SeatApprovals approvals,
      Path runDir)
      throws IOException, InterruptedException {
    RunListener listener = gated.listener;
    Optional<Gate> maybeGate = gated.gate();
    EnvironmentFilter.Filtered env = EnvironmentFilter.standard().apply(environment);
    if (maybeGate.isEmpty() || !maybeGate.get().record(gated.route(run.route(), env.withheld()))) {
      return end(
          maybeGate,
          listener,
          "stopped",
          Optional.of(StopReason.AUDIT_UNAVAILABLE),
          "the run's receipts cannot be written on this host",
          Usage.NONE,
          0);
    }
    Gate gate = maybeGate.get();
    listener.step(1);
    SeatOutcome o;
    HookGate.Tally tally;
    try (HookGate hooks =
        HookGate.start(
            gate, approvals, cli.tools(), cli.pause(), r -> listener.toolCall(line(r)))) {
      BooleanSupplier stopNow = () -> gate.stopReason().isPresent();
      try {
        cli.prepare(runDir, gated.workspace.root(), hooks, env.environment());
      } catch (SeatCli.SeatRefused e) {
        return end(
            maybeGate, listener, "stopped", Optional.of(e.reason()), e.getMessage(), Usage.NONE, 0);
      } catch (IOException e) {
        // Nothing ran: the CLI is started only once its folder is ready.
        return end(
            maybeGate,
            listener,
            "stopped",
            Optional.of(StopReason.INTERNAL_ERROR),
            "the seat's run folder could not be prepared (" + e.getClass().getSimpleName() + ")",
            Usage.NONE,
            0);
      }
      o =
          cli.run(
              gated.workspace.root(),
              env.environment(),
              Optional.of(plan.task()),
              Optional.empty(),
              Optional.empty(),
              hooks,
              runDir,
              stopNow);
      // A call waits for a person: wait for the answer, then resume the CLI; when it asks about
      // that call again, the answer decides it.
      for (int resumes = 0;
          (o.deferredCall().isPresent() || cli.pause() == HookGate.Pause.DENY_AND_RETRY)
              && o.sessionId().isPresent()
              && approvals.hasWaiting()
              && !stopNow.getAsBoolean()
              && resumes < MAX_RESUMES;
          resumes++) {
        List<SeatApprovals.Answer> answers;
        try {
          answers = approvals.awaitDeferred();
        } catch (RevokedException e) {
          gated.link.revoke(); // the gate stops the run with host-revoked
          break;
        }
        listener.step(resumes + 2); // the CLI's next stretch, after the answer
        o =
            o.then(
                cli.run(
                    gated.workspace.root(),
                    env.environment(),
                    Optional.empty(),
                    o.sessionId(),
                    cli.resumeMessage(answers),
                    hooks,
                    runDir,
                    stopNow));
      }
      hooks.closeOpenCalls();
      tally = hooks.tally();
    } finally {
      Files.deleteIfExists(runDir.resolve("token"));
    }
    int calls = tally.admitted().size() + tally.refused().size();
    Usage usage = new Usage(o.inputTokens(), o.outputTokens());
    listener.usage(usage, usage);
    List<String> problems = cli.crossCheck(o, tally);
    String said = firstLine(host.scrubber().scrub(o.result()).value());
    Optional<StopReason> stop = gate.stopReason();
    if (stop.isPresent()) {
      return end(
          maybeGate,
          listener,
          "stopped",
          stop,
          gate.stopMessage().orElse(stop.get().code()),
          usage,
          calls);
    }
    if (o.authFailed()) {
      return end(
          maybeGate,
          listener,
          "stopped",
          Optional.of(StopReason.PROVIDER_AUTH_FAILED),
          cli.name() + "'s sign-in was refused by the provider: " + said,
          usage,
          calls);
    }
    if (o.timedOut()) {
      return end(
          maybeGate,
          listener,
          "stopped",
          Optional.of(StopReason.BUDGET_EXHAUSTED),
          "the run took longer than " + cli.runTimeout().toMinutes() + " minutes",
          usage,
          calls);
    }
    if (!problems.isEmpty()) {
      return end(
          maybeGate,
          listener,
          "failed",
          Optional.of(StopReason.INTERNAL_ERROR),
          "the CLI's record and the gate's disagree: " + String.join("; ", problems),
          usage,
          calls);
    }
    if (!o.sawResult() || o.isError() || o.exit() != 0) {
      return end(
          maybeGate,
          listener,
          "failed",
          Optional.of(StopReason.INTERNAL_ERROR),
          cli.name() + " ended with an error (exit " + o.exit() + "): " + said,
          usage,
          calls);
    }
    return end(maybeGate, listener, "succeeded", Optional.empty(), "done: " + said, usage, calls);
  }

  private RunOutcome end(
      Optional<Gate> gate,
      RunListener listener,
      String status,
      Optional<StopReason> reason,
      String message,
      Usage usage,
      int calls) {
    String scrubbed = host.scrubber().scrub(message).value();
    RunStatus ended =
        switch (status) {
          case "succeeded" -> RunStatus.COMPLETED;
          case "failed" -> RunStatus.FAILED;
          default -> RunStatus.STOPPED;
        };
    String endReason = reason.map(r -> r.code() + ": " + scrubbed).orElse(scrubbed);
    RunOutcome outcome;
    if (gate.isPresent() && !gate.get().end(ended, endReason) && reason.isEmpty()) {
      outcome =
          new RunOutcome(
              "stopped",
              Optional.of(StopReason.AUDIT_UNAVAILABLE),
              "the run's last receipt could not be written",
              usage,
              1,
              calls);
    } else {
      outcome = new RunOutcome(status, reason, scrubbed, usage, 1, calls);
    }
    listener.finished(outcome);
    return outcome;
  }

  /** {@code shell [read] allowed: ls -la}, or with the refusal's reason. */
  private static String line(GateResult r) {
    String input = r.input().value();
    String head =
        r.tool()
            + " ["
            + r.tier().name().toLowerCase(Locale.ROOT)
            + "] "
            + r.decision().label()
            + ": "
            + (input.length() > 80 ? input.substring(0, 79) + "…" : input);
    return r.allowed() ? head : head + " -> " + firstLine(r.reason().value());
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }
}
