package dev.nome.runner.seats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider CLI's own stream said about one stretch of a seat run (or several, joined with
 * {@link #then}), for the cross-check against the gate's records and for how the run ends.
 *
 * @param sawResult whether the CLI reported the end of its work (Claude's {@code result}, Codex's
 *     {@code turn.completed})
 * @param toolUses the ids of every tool call the model asked for, where the CLI reports them
 * @param denials the ids of the calls the CLI reports as denied, where it reports them
 * @param commands the shell commands the CLI reports it ran, as it reports them
 * @param unhooked actions the CLI reports that no hook of NOME's decides (a file patch, an MCP
 *     call): each fails the cross-check
 * @param authFailed whether the provider refused the sign-in
 * @param result the last answer or error as the CLI gave it, raw: scrub before use
 * @param deferredCall the call the CLI paused on, to resume after a person decides
 */
public record SeatOutcome(
    int exit,
    boolean timedOut,
    boolean stopped,
    boolean sawResult,
    boolean isError,
    Set<String> toolUses,
    Set<String> denials,
    List<String> commands,
    List<String> unhooked,
    boolean authFailed,
    Optional<String> sessionId,
    long inputTokens,
    long outputTokens,
    String result,
    Optional<String> deferredCall) {

  public SeatOutcome {
    toolUses = Set.copyOf(toolUses);
    denials = Set.copyOf(denials);
    commands = List.copyOf(commands);
    unhooked = List.copyOf(unhooked);
  }

  /** This stretch and a later one (after a resume) as one run. */
  public SeatOutcome then(SeatOutcome next) {
    Set<String> uses = new HashSet<>(toolUses);
    uses.addAll(next.toolUses());
    Set<String> denied = new HashSet<>(denials);
    denied.addAll(next.denials());
    List<String> ran = new ArrayList<>(commands);
    ran.addAll(next.commands());
    List<String> other = new ArrayList<>(unhooked);
    other.addAll(next.unhooked());
    return new SeatOutcome(
        next.exit(),
        next.timedOut(),
        next.stopped(),
        next.sawResult(),
        next.isError(),
        uses,
        denied,
        ran,
        other,
        authFailed || next.authFailed(),
        next.sessionId().or(() -> sessionId),
        inputTokens + next.inputTokens(),
        outputTokens + next.outputTokens(),
        next.result(),
        next.deferredCall());
  }
}
