/**
 * The runner's side of the approval queue (P10): raise a request for a gated tool call and wait for
 * a person's decision over Server-Sent Events, failing closed.
 */
package dev.nome.runner.approvals;
