/**
 * The tool policy matrix (per-tool limits, approval tiers, offline behaviour, roles), per-run
 * counters, and the file permission gateway.
 */
package dev.nome.core.policy;
