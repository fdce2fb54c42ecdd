package dev.nome.runner.launch;

import dev.nome.core.Tier;
import dev.nome.core.secrets.Scrubber;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.agent.RunOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The run's log, kept as its {@code run.log} artifact: one timestamped line per turn, approval wait
 * and tool call, and the ending. Lines are scrubbed again before they are kept (they are already
 * scrubbed by the loop), and the log stops growing past a bound.
 */
final class RunLog implements RunListener {

  static final int MAX_CHARS = 1 << 20;

  private final Scrubber scrubber;
  private final Clock clock;
  private final StringBuilder text = new StringBuilder();
  private boolean truncated;

  RunLog(Scrubber scrubber) {
    this(scrubber, Clock.systemUTC());
  }

  RunLog(Scrubber scrubber, Clock clock) {
    this.scrubber = scrubber;
    this.clock = clock;
  }

  synchronized String text() {
    return text.toString();
  }

  private synchronized void line(String line) {
    if (truncated) {
      return;
    }
    String kept =
        Instant.now(clock).truncatedTo(ChronoUnit.MILLIS)
            + " "
            + scrubber.scrub(line.replace('\n', ' ').replace('\r', ' ')).value()
            + "\n";
    if (text.length() + kept.length() > MAX_CHARS) {
      text.append("(the log ends here: it reached ").append(MAX_CHARS).append(" characters)\n");
      truncated = true;
      return;
    }
    text.append(kept);
  }

  @Override
  public void step(int step) {
    line("turn " + step);
  }

  @Override
  public void approvalWaiting(String tool, Tier tier, boolean queued) {
    line(
        (queued ? "waiting for the control plane: " : "waiting for approval: ")
            + tool
            + " ("
            + tier.name().toLowerCase(Locale.ROOT)
            + ")");
  }

  @Override
  public void approvalDone(String tool, String outcome) {
    line(tool + ": " + outcome);
  }

  @Override
  public void toolCall(String summary) {
    line("  " + summary);
  }

  @Override
  public void finished(RunOutcome outcome) {
    line(
        outcome.status()
            + outcome.reason().map(r -> " (" + r.code() + ")").orElse("")
            + ": "
            + outcome.message()
            + " ["
            + outcome.totals()
            + "]");
  }
}
