/**
 * The gate: the one path every tool call takes, from every route. Classify, decide by policy, ask a
 * person when needed, execute inside the workspace with limits, scrub, record a receipt, and only
 * then hand the result back. What cannot be audited does not run.
 */
package dev.nome.runner.gate;
