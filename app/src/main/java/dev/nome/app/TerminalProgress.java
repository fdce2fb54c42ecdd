package dev.nome.app;

import dev.nome.core.Tier;
import dev.nome.core.text.VisibleText;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.launch.RunNotices;
import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;

/**
 * A run followed in the terminal: the current turn, the approvals waited on (with where to decide
 * them), one line per tool call and the ending. Everything shown is already scrubbed; it is escaped
 * too, so an agent's text cannot move the cursor or hide characters.
 */
final class TerminalProgress implements RunListener, RunNotices {

  private final PrintStream out;
  private final URI server;

  TerminalProgress(PrintStream out, URI server) {
    this.out = out;
    this.server = server;
  }

  private void say(String line) {
    out.println(VisibleText.escape(line));
    out.flush();
  }

  @Override
  public void step(int step) {
    say("turn " + step);
  }

  @Override
  public void approvalWaiting(String tool, Tier tier, boolean queued) {
    String what = tool + " (" + tier.name().toLowerCase(Locale.ROOT) + ")";
    say(
        queued
            ? "  waiting for the control plane to come back: " + what
            : "  waiting for a person to approve: " + what);
  }

  @Override
  public void approvalRaised(String approvalId) {
    say("    approve or deny at " + server.resolve("/approvals"));
    say("    or: nome approvals approve " + approvalId + "  |  nome approvals deny " + approvalId);
  }

  @Override
  public void approvalDone(String tool, String outcome) {
    say("  " + tool + ": " + outcome);
  }

  @Override
  public void toolCall(String summary) {
    say("  " + summary);
  }

  @Override
  public void problem(String line) {
    say("nome: " + line);
  }

  @Override
  public void finished(RunOutcome outcome) {
    say(
        outcome.status()
            + outcome.reason().map(r -> " (" + r.code() + ")").orElse("")
            + ": "
            + outcome.message());
    say("  " + outcome.totals());
  }
}
