package dev.nome.server.runs;

/**
 * The run service refused a request. {@code code} is the error code clients see (a typed stop
 * reason for route failures); the message is safe to show: it never holds unscrubbed content.
 */
public final class RunException extends RuntimeException {

  /** How the refusal maps onto HTTP. */
  public enum Kind {
    BAD_INPUT,
    NOT_FOUND,
    FORBIDDEN,
    CONFLICT,
    TOO_LARGE
  }

  private final Kind kind;
  private final String code;

  public RunException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  static RunException bad(String message) {
    return new RunException(Kind.BAD_INPUT, "bad_request", message);
  }

  static RunException notFound(String message) {
    return new RunException(Kind.NOT_FOUND, "not_found", message);
  }
}
