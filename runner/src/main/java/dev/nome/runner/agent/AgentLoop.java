package dev.nome.runner.agent;

import dev.nome.core.Tier;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.Scrubber;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.GateEvents;
import dev.nome.runner.gate.GateResult;
import dev.nome.runner.gate.ToolRequest;
import dev.nome.runner.model.ContentBlock;
import dev.nome.runner.model.Message;
import dev.nome.runner.model.ModelClient;
import dev.nome.runner.model.ModelException;
import dev.nome.runner.model.ModelReply;
import dev.nome.runner.model.ModelRequest;
import dev.nome.runner.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * NOME's own agent loop for {@code byok:} routes. It records the run's {@link RouteRecord} first
 * (P6), then alternates: send the conversation and the policy's tools to the model; send each tool
 * call the model asks for through the {@link Gate}; give the results back (a refusal is an error
 * result the model can read). It stops when the model ends its turn without a tool call, when the
 * model fails ({@link ModelException}: its reason, never another route), when the gate says the run
 * must stop (audit unavailable, host revoked, budget spent), or at the step limit. The run's last
 * receipt says how it ended.
 */
public final class AgentLoop {

  private final ModelClient model;
  private final Gate gate;
  private final AgentSettings settings;
  private final Scrubber scrubber;
  private final RunListener listener;

  public AgentLoop(
      ModelClient model,
      Gate gate,
      AgentSettings settings,
      Scrubber scrubber,
      RunListener listener) {
    this.model = Objects.requireNonNull(model, "model");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    this.listener = listener == null ? RunListener.NONE : listener;
  }

  /** Runs {@code task} to its end; never throws. */
  public RunOutcome run(String task, RouteRecord route) {
    gate.events(
        new GateEvents() {
          @Override
          public void approvalWaiting(String callId, String tool, Tier tier, boolean queued) {
            listener.approvalWaiting(tool, tier, queued);
          }

          @Override
          public void approvalDone(String callId, String tool, String outcome) {
            listener.approvalDone(tool, outcome);
          }
        });
    Usage usage = Usage.NONE;
    int steps = 0;
    int calls = 0;
    if (!gate.record(route)) {
      return finish(stopped(gate.stopReason(), "the route could not be recorded"), usage, 0, 0);
    }
    List<Message> messages = new ArrayList<>();
    // The task is the user's text and may quote a secret: the model sees it scrubbed (P5).
    messages.add(new Message("user", List.of(new ContentBlock.Text(scrubber.scrub(task).value()))));
    try {
      while (true) {
        Optional<StopReason> stop = gate.stopReason();
        if (stop.isPresent()) {
          return finish(
              stopped(stop, gate.stopMessage().orElse(stop.get().code())), usage, steps, calls);
        }
        if (steps == settings.maxSteps()) {
          return finish(
              new Ending(
                  "stopped",
                  Optional.of(StopReason.BUDGET_EXHAUSTED),
                  "the run reached its limit of " + settings.maxSteps() + " model turns"),
              usage,
              steps,
              calls);
        }
        steps++;
        listener.step(steps);
        ModelReply reply =
            model.send(
                new ModelRequest(
                    settings.model(),
                    settings.system(),
                    settings.maxTokens(),
                    gate.offeredTools(),
                    messages));
        usage = usage.plus(reply.usage());
        listener.usage(usage, reply.usage());
        messages.add(new Message("assistant", reply.content()));
        List<ContentBlock.ToolUse> uses = reply.toolUses();
        if (uses.isEmpty()) {
          String text =
              reply.content().stream()
                  .filter(ContentBlock.Text.class::isInstance)
                  .map(b -> ((ContentBlock.Text) b).text())
                  .reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
          String note =
              reply.stopReason().equals("max_tokens")
                  ? "the model ended at its output limit: "
                  : "done: ";
          return finish(
              new Ending("succeeded", Optional.empty(), note + firstLine(text)),
              usage,
              steps,
              calls);
        }
        List<ContentBlock> results = new ArrayList<>();
        Optional<StopReason> mustStop = Optional.empty();
        for (ContentBlock.ToolUse use : uses) {
          if (mustStop.isPresent()) {
            results.add(
                new ContentBlock.ToolResult(
                    use.id(),
                    "not run: the run is stopping (" + mustStop.get().code() + ")",
                    true));
            continue;
          }
          GateResult r = gate.call(ToolRequest.of(use.id(), use.name(), use.input()));
          calls++;
          listener.toolCall(summary(r));
          results.add(new ContentBlock.ToolResult(use.id(), r.output().value(), r.isError()));
          mustStop = r.stop();
        }
        messages.add(new Message("user", results));
      }
    } catch (ModelException e) {
      return finish(
          stopped(Optional.of(e.reason()), "the model could not answer: " + e.getMessage()),
          usage,
          steps,
          calls);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return finish(stopped(Optional.of(StopReason.CANCELLED), "cancelled"), usage, steps, calls);
    } catch (RuntimeException e) {
      return finish(
          new Ending(
              "failed",
              Optional.of(StopReason.INTERNAL_ERROR),
              "internal error (" + e.getClass().getSimpleName() + ")"),
          usage,
          steps,
          calls);
    }
  }

  private record Ending(String status, Optional<StopReason> reason, String message) {}

  private static Ending stopped(Optional<StopReason> reason, String message) {
    return new Ending("stopped", Optional.of(reason.orElse(StopReason.INTERNAL_ERROR)), message);
  }

  private RunOutcome finish(Ending e, Usage usage, int steps, int calls) {
    String message = scrubber.scrub(e.message()).value();
    RunStatus status =
        switch (e.status()) {
          case "succeeded" -> RunStatus.COMPLETED;
          case "failed" -> RunStatus.FAILED;
          default -> RunStatus.STOPPED;
        };
    String endReason = e.reason().isPresent() ? e.reason().get().code() + ": " + message : message;
    Ending ending = e;
    if (!gate.end(status, endReason) && e.reason().isEmpty()) {
      ending =
          new Ending(
              "stopped",
              Optional.of(StopReason.AUDIT_UNAVAILABLE),
              "the run's last receipt could not be written");
      message = ending.message();
    }
    RunOutcome outcome =
        new RunOutcome(ending.status(), ending.reason(), message, usage, steps, calls);
    listener.finished(outcome);
    return outcome;
  }

  /** {@code shell [danger] approved: rm -rf build -> exit 0}, scrubbed. */
  private String summary(GateResult r) {
    String input = r.input().value();
    if (r.tool().equals("shell")) {
      int at = input.indexOf("\"command\":\"");
      if (at >= 0) {
        input = input.substring(at + 11, Math.max(at + 11, input.lastIndexOf('"')));
      }
    }
    String outcome =
        r.allowed() ? firstLine(lastLine(r.output().value())) : firstLine(r.reason().value());
    String line =
        r.tool()
            + " ["
            + r.tier().name().toLowerCase(java.util.Locale.ROOT)
            + "] "
            + r.decision().label()
            + ": "
            + cut(input, 80)
            + " -> "
            + cut(outcome, 100);
    return scrubber.scrub(line).value();
  }

  private static String lastLine(String s) {
    String t = s.strip();
    int nl = t.lastIndexOf('\n');
    return nl < 0 ? t : t.substring(nl + 1);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
