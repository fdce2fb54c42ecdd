/**
 * The runner's side of the control plane's runs API ({@code /api/runs}): creating a run (the server
 * resolves its route), reporting its status, step and token usage.
 */
package dev.nome.runner.runs;
