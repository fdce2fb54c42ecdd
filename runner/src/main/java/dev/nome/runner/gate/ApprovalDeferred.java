package dev.nome.runner.gate;

/**
 * Thrown by an {@link Approvals} that raised the request but will not wait for the answer inside
 * the call: a seat's CLI pauses instead ({@code defer}), and when it resumes and asks again, the
 * answer awaited meanwhile decides the call. The gate records nothing for the deferred call.
 */
public final class ApprovalDeferred extends RuntimeException {

  private final String requestId;

  public ApprovalDeferred(String requestId) {
    super("deferred until a person decides " + requestId, null, false, false);
    this.requestId = requestId;
  }

  public String requestId() {
    return requestId;
  }
}
