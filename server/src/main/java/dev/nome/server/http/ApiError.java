package dev.nome.server.http;

import io.javalin.http.HttpStatus;

/**
 * An error a handler wants the client to see, rendered as {@code {"error": {"code", "message"}}}.
 * The message must already be safe to show: no secrets, no stack traces.
 */
public final class ApiError extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  public ApiError(HttpStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(HttpStatus.BAD_REQUEST, "bad_request", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(HttpStatus.NOT_FOUND, "not_found", message);
  }
}
