package dev.nome.runner.launch;

import dev.nome.runner.agent.RunOutcome;

/**
 * How a run on this host ended, whatever the route.
 *
 * @param receiptsAcknowledged whether the control plane acknowledged every receipt before the run
 *     returned (otherwise they wait in the host's queue)
 */
public record RunResult(RunOutcome outcome, boolean receiptsAcknowledged) {}
