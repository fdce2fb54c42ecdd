package dev.nome.core.receipt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Canonicalization Scheme (RFC 8785): the one byte sequence a JSON value hashes and signs as.
 *
 * <p>Values are {@code Map<String, ?>} (objects), {@code List<?>} (arrays), {@code String}, {@code
 * Boolean}, {@code null} and numbers. Object members are ordered by the UTF-16 code units of their
 * names ({@link String#compareTo} is exactly that order); strings use the minimal escaping of the
 * RFC; numbers are written as ECMAScript writes an IEEE-754 double. Integers ({@code Long}, {@code
 * Integer}) must lie within ±2^53 so that every reader sees the same value; lone surrogates, NaN
 * and infinities are refused (I-JSON).
 */
public final class CanonicalJson {

  /** The largest integer an IEEE-754 double holds exactly (2^53). */
  public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_992L;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /** The canonical form of {@code value} as UTF-8 bytes. */
  public static byte[] toBytes(Object value) {
    return toText(value).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical form of {@code value} as text. */
  public static String toText(Object value) {
    StringBuilder out = new StringBuilder(512);
    write(out, value);
    return out.toString();
  }

  /** Writes the canonical form of {@code value} to {@code out}. */
  public static void write(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case String s -> writeString(out, s);
      case Boolean b -> out.append(b ? "true" : "false");
      case Long l -> writeInteger(out, l);
      case Integer i -> out.append(i.intValue());
      case Double d -> out.append(number(d));
      case Map<?, ?> map -> writeObject(out, map);
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, list.get(i));
        }
        out.append(']');
      }
      default ->
          throw new IllegalArgumentException(
              "no canonical JSON form for " + value.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map) {
    Map<?, ?> sorted = map instanceof TreeMap<?, ?> t && t.comparator() == null ? map : sort(map);
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(out, (String) e.getKey());
      out.append(':');
      write(out, e.getValue());
    }
    out.append('}');
  }

  private static TreeMap<String, Object> sort(Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("object member names must be strings");
      }
      sorted.put(key, e.getValue());
    }
    return sorted;
  }

  private static void writeInteger(StringBuilder out, long value) {
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("integer " + value + " is outside ±2^53");
    }
    out.append(value);
  }

  /** Writes {@code s} as a JSON string with the RFC's escaping; lone surrogates are refused. */
  public static void writeString(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int run = 0; // start of the pending run of characters that need no escaping
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20
          && c != '"'
          && c != '\\'
          && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)) {
        continue;
      }
      out.append(s, run, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else {
            throw new IllegalArgumentException("string holds a lone surrogate at index " + i);
          }
        }
      }
      run = i + 1;
    }
    out.append(s, run, n);
    out.append('"');
  }

  /**
   * An IEEE-754 double as ECMAScript's {@code Number.prototype.toString} writes it: the shortest
   * digits that read back to the same double, in plain notation for exponents from -7 to 20 and in
   * {@code d.ddde±n} notation otherwise; {@code -0} is {@code 0}.
   */
  public static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("NaN and infinities have no JSON form");
    }
    if (d == 0) {
      return "0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    // Double.toString gives the shortest round-tripping digits (JDK 19 and later), the same digit
    // choice ECMAScript makes; only the layout differs.
    BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    int k = digits.length();
    int n = k - exact.scale(); // value = 0.digits × 10^n
    if (k == 2) {
      // Java never prints fewer than two digits; ECMAScript takes one when one round-trips.
      String one = oneDigit(Math.abs(d), digits, n);
      if (one != null) {
        digits = one.substring(0, 1);
        n = n + one.length() - 1;
        k = 1;
      }
    }
    StringBuilder out = new StringBuilder(32);
    if (d < 0) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return out.toString();
  }

  /**
   * The one-digit decimal (as digit followed by zero or one "0") that reads back as {@code abs},
   * when there is one; of two such, the closer. {@code digits} are two digits with value {@code
   * 0.digits × 10^n}.
   */
  private static String oneDigit(double abs, String digits, int n) {
    int first = digits.charAt(0) - '0';
    BigDecimal exact = new BigDecimal(abs);
    String best = null;
    BigDecimal bestDistance = null;
    for (int c = first; c <= first + 1; c++) {
      BigDecimal candidate = BigDecimal.valueOf(c).scaleByPowerOfTen(n - 1);
      if (candidate.signum() == 0 || candidate.doubleValue() != abs) {
        continue;
      }
      BigDecimal distance = candidate.subtract(exact).abs();
      if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
        bestDistance = distance;
        best = c == 10 ? "10" : Integer.toString(c);
      }
    }
    return best;
  }

  /**
   * Parses JSON text and returns its canonical form. Numbers are read as doubles, as RFC 8785
   * requires; duplicate member names are refused.
   */
  public static String canonicalize(String json) {
    try (JsonParser p = JsonValues.FACTORY.createParser(json)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException("empty JSON text");
      }
      Object value = read(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON value");
      }
      return toText(value);
    } catch (IOException e) {
      throw JsonValues.notJson(e);
    }
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> {
        TreeMap<String, Object> map = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (map.put(name, read(p)) != null) {
            throw new IllegalArgumentException("an object has a member twice");
          }
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Double.parseDouble(p.getText());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("unexpected JSON token " + t);
    };
  }
}
