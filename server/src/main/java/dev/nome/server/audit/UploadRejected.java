package dev.nome.server.audit;

import dev.nome.server.http.ApiError;
import io.javalin.http.HttpStatus;

/**
 * Why a batch of receipts was refused; nothing of the batch was stored. The {@link Reason} is the
 * error code clients see (and the only thing telemetry counts); messages name runs and sequence
 * numbers, never content.
 */
public final class UploadRejected extends RuntimeException {

  /** Every reason a batch can be refused for. */
  public enum Reason {
    MALFORMED(HttpStatus.BAD_REQUEST),
    BAD_DIGEST(HttpStatus.BAD_REQUEST),
    BROKEN_CHAIN(HttpStatus.BAD_REQUEST),
    BAD_SIGNATURE(HttpStatus.BAD_REQUEST),
    UNSIGNED(HttpStatus.BAD_REQUEST),
    UNKNOWN_RUN(HttpStatus.NOT_FOUND),
    UNKNOWN_HOST(HttpStatus.FORBIDDEN),
    HOST_REVOKED(HttpStatus.FORBIDDEN),
    WRONG_HOST(HttpStatus.FORBIDDEN),
    GAP(HttpStatus.CONFLICT),
    FORK(HttpStatus.CONFLICT),
    REPLAY(HttpStatus.CONFLICT),
    RUN_ENDED(HttpStatus.CONFLICT);

    final HttpStatus status;

    Reason(HttpStatus status) {
      this.status = status;
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Reason reason;

  public UploadRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public ApiError toApiError() {
    return new ApiError(reason.status, reason.code(), getMessage());
  }
}
