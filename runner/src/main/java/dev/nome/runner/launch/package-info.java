/**
 * Starting a run on this host, as {@code nome run} and {@code nome demo} do: the host's paired
 * identity ({@link dev.nome.runner.launch.HostSession}), the route resolved before anything runs
 * ({@link dev.nome.runner.launch.RunLauncher}), NOME's own loop wired to the gate for byok routes
 * ({@link dev.nome.runner.launch.ByokSession}), and what the run leaves behind (receipts, the
 * workspace's changes and the run's log as artifacts).
 */
package dev.nome.runner.launch;
