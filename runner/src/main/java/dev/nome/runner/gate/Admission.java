package dev.nome.runner.gate;

/**
 * The gate's answer to a call that a provider CLI will run itself ({@link Gate#admit}): refused
 * (recorded, with the reason to hand back to the CLI), admitted with its intent durable and what
 * {@link Gate#complete} needs once the CLI has run it, or deferred until a person answers.
 */
public sealed interface Admission {

  GateResult result();

  record Refused(GateResult result) implements Admission {}

  record Admitted(GateResult result, Pending pending) implements Admission {}

  /**
   * A person was asked ({@code requestId}) and the CLI is to pause: the call is decided when it
   * asks again, after the answer (see {@link ApprovalDeferred}).
   */
  record Deferred(GateResult result, String requestId) implements Admission {}
}
