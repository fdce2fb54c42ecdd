package dev.nome.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;

/**
 * Reads a JSON request body into a record. Bad JSON is a 400 whose message names the place (line
 * and column, or the field) but never echoes the input: bodies may carry secrets.
 */
public final class JsonBody {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonBody() {}

  /** The largest body any API accepts; pages and APIs share the server-wide limit. */
  public static final long MAX_BODY_BYTES = 1_000_000L;

  private static ApiError tooLarge() {
    return new ApiError(
        HttpStatus.CONTENT_TOO_LARGE,
        "too_large",
        "the request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  public static <T> T read(Context ctx, Class<T> type) {
    byte[] body;
    try {
      if (ctx.contentLength() > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      body = ctx.bodyAsBytes();
    } catch (io.javalin.http.HttpResponseException e) {
      if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
        throw tooLarge();
      }
      throw ApiError.badRequest("the request body could not be read");
    }
    if (body.length == 0) {
      throw ApiError.badRequest("the request body must be a JSON object");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiError.badRequest("the request body must be a JSON object");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiError.badRequest("unknown field \"" + e.getPropertyName() + "\"");
    } catch (MismatchedInputException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
              .reduce((a, b) -> a + "." + b)
              .orElse("body");
      throw ApiError.badRequest("field \"" + path + "\" has the wrong type or is missing");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiError.badRequest("malformed JSON" + where);
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read");
    }
  }
}
