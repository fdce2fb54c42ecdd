package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading tool inputs strictly, and writing their JSON Schemas. */
final class Inputs {
  private Inputs() {}

  static String requiredText(JsonNode input, String field) throws ToolException {
    JsonNode v = input == null ? null : input.get(field);
    if (v == null || !v.isTextual()) {
      throw new ToolException("input field '" + field + "' is required and must be a string");
    }
    return v.asText();
  }

  static String optionalText(JsonNode input, String field, String fallback) throws ToolException {
    JsonNode v = input == null ? null : input.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new ToolException("input field '" + field + "' must be a string");
    }
    return v.asText();
  }

  static void requireObject(JsonNode input) throws ToolException {
    if (input == null || !input.isObject()) {
      throw new ToolException("the input must be a JSON object");
    }
  }

  /** {@code {"type":"object","properties":{…},"required":[…],"additionalProperties":false}}. */
  static Map<String, Object> schema(Map<String, String> properties, List<String> required) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (var e : properties.entrySet()) {
      props.put(e.getKey(), Map.of("type", "string", "description", e.getValue()));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", props);
    s.put("required", required);
    s.put("additionalProperties", false);
    return s;
  }

  /** Cuts {@code text} to {@code max} characters, saying how much was left out. */
  static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut)
        + "\n[output cut: "
        + (text.length() - cut)
        + " more characters not shown]";
  }
}
