package dev.nome.core.receipt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value from a streaming parser into plain values: {@code HashMap} objects, {@code
 * List} arrays, {@code String}, {@code Boolean}, {@code null}, {@code Long} for integers and {@code
 * Double} for other numbers. Duplicate member names are refused.
 */
public final class JsonValues {

  /**
   * A factory for untrusted input: strings and nesting bounded. Duplicate member names are refused
   * by {@link #read} itself (cheaper than the parser's own detection).
   */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(1_000_000)
                  .maxNumberLength(40)
                  .build())
          .build();

  private JsonValues() {}

  /** Reads the value at the parser's current token (which must already be read). */
  public static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new ReceiptFormatException("unexpected end of JSON");
    }
    return switch (t) {
      case START_OBJECT -> {
        HashMap<String, Object> map = HashMap.newHashMap(16);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (map.put(name, read(p)) != null) {
            throw new ReceiptFormatException("an object has a member twice");
          }
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) {
            throw new ReceiptFormatException("unexpected end of JSON");
          }
          list.add(read(p));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() != JsonParser.NumberType.INT
            && p.getNumberType() != JsonParser.NumberType.LONG) {
          throw new ReceiptFormatException("integer out of range");
        }
        yield p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new ReceiptFormatException("unexpected JSON token " + t);
    };
  }

  /**
   * The error for unparseable input. It gives the position only: parser messages quote the input,
   * which may hold secrets.
   */
  public static ReceiptFormatException notJson(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        && j.getLocation() != null) {
      return new ReceiptFormatException(
          "not valid JSON at line "
              + j.getLocation().getLineNr()
              + ", column "
              + j.getLocation().getColumnNr());
    }
    return new ReceiptFormatException("not valid JSON");
  }

  /** Parses a JSON text holding one object. */
  public static Map<String, Object> parseObject(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ReceiptFormatException("expected a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) read(p);
      if (p.nextToken() != null) {
        throw new ReceiptFormatException("trailing content after the JSON object");
      }
      return map;
    } catch (IOException e) {
      throw notJson(e);
    }
  }
}
