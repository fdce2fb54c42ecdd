package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, strict access to the members of one decoded JSON object: a missing or mistyped member is
 * an error, and {@link #done()} refuses members nobody asked for, so no unchecked data rides along.
 */
final class Fields {

  private final String what;
  private final Map<String, Object> map;
  // Each decoder asks for each member once, so counting the present members it asked for tells
  // whether any member was left unread.
  private int used;

  Fields(String what, Object value) {
    this.what = what;
    if (!(value instanceof Map<?, ?> m)) {
      throw new ReceiptFormatException(what + " must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) m;
    this.map = typed;
  }

  private Object get(String name) {
    Object v = map.get(name);
    if (v == null) {
      throw new ReceiptFormatException(what + " lacks '" + name + "'");
    }
    used++;
    return v;
  }

  boolean has(String name) {
    return map.containsKey(name);
  }

  String string(String name) {
    if (get(name) instanceof String s) {
      return s;
    }
    throw new ReceiptFormatException(what + ": '" + name + "' must be a string");
  }

  Optional<String> optionalString(String name) {
    return has(name) ? Optional.of(string(name)) : markUsed(name);
  }

  private <T> Optional<T> markUsed(String name) {
    return Optional.empty();
  }

  String id(String name) {
    String s = string(name);
    if (!Ids.isValid(s)) {
      throw new ReceiptFormatException(what + ": '" + name + "' is not a valid identifier");
    }
    return s;
  }

  Optional<String> optionalId(String name) {
    return has(name) ? Optional.of(id(name)) : markUsed(name);
  }

  long integer(String name) {
    if (get(name) instanceof Long l) {
      return l;
    }
    throw new ReceiptFormatException(what + ": '" + name + "' must be an integer");
  }

  boolean bool(String name) {
    if (get(name) instanceof Boolean b) {
      return b;
    }
    throw new ReceiptFormatException(what + ": '" + name + "' must be true or false");
  }

  Digest digest(String name) {
    try {
      return Digest.parse(string(name));
    } catch (IllegalArgumentException e) {
      throw new ReceiptFormatException(what + ": '" + name + "' is not a SHA-256 hex digest");
    }
  }

  byte[] base64(String name) {
    try {
      return Base64.getDecoder().decode(string(name));
    } catch (IllegalArgumentException e) {
      throw new ReceiptFormatException(what + ": '" + name + "' is not base64");
    }
  }

  /** A content field: whatever arrives passes the scrubber again; nothing is trusted as-is. */
  ScrubbedText text(String name, Function<String, ScrubbedText> scrubber) {
    return scrubber.apply(string(name));
  }

  Fields object(String name) {
    return new Fields(what + "." + name, get(name));
  }

  List<?> list(String name) {
    if (get(name) instanceof List<?> l) {
      return l;
    }
    throw new ReceiptFormatException(what + ": '" + name + "' must be an array");
  }

  <T> T parse(String name, Function<String, T> parser) {
    String s = string(name);
    try {
      return parser.apply(s);
    } catch (IllegalArgumentException e) {
      // The parsers quote the value; it is untrusted, so only the member is named.
      throw new ReceiptFormatException(what + ": '" + name + "' has an unknown value");
    }
  }

  /** The object itself, for a nested decoder; marks this object's members as its own. */
  Map<String, Object> raw() {
    used = map.size();
    return map;
  }

  void done() {
    if (used != map.size()) {
      // The name is not echoed: it is untrusted and could carry content.
      throw new ReceiptFormatException(what + " has an unknown member");
    }
  }
}
