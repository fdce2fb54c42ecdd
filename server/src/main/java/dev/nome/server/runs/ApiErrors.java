package dev.nome.server.runs;

import dev.nome.server.http.ApiError;
import io.javalin.http.HttpStatus;

/** Maps the run service's refusals onto the API's error shape. */
final class ApiErrors {

  private ApiErrors() {}

  static ApiError of(RunException e) {
    HttpStatus status =
        switch (e.kind()) {
          case BAD_INPUT -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
          case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
    return new ApiError(status, e.code(), e.getMessage());
  }
}
