package dev.nome.runner.gate;

/**
 * The gate's answer to a call that a provider CLI will run itself ({@link Gate#admit}): refused
 * (recorded, with the reason to hand back to the CLI), or admitted with its intent durable and what
 * {@link Gate#complete} needs once the CLI has run it.
 */
public sealed interface Admission {

  GateResult result();

  record Refused(GateResult result) implements Admission {}

  record Admitted(GateResult result, Pending pending) implements Admission {}
}
