package dev.nome.runner.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.Scrubber;

/** How the gate turns a call into the texts it records and shows, within their bounds. */
final class GateText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GateText() {}

  /** What an approver is shown: the command line of a shell call, else the tool and its input. */
  static String action(ToolRequest r) {
    JsonNode command = r.input().get("command");
    if (r.tool().equals("shell") && command != null && command.isTextual()) {
      return command.asText();
    }
    return r.tool() + " " + r.input();
  }

  /** A call's input as JSON text (what is fingerprinted and, scrubbed, recorded). */
  static String input(JsonNode input) {
    try {
      return JSON.writeValueAsString(input);
    } catch (Exception e) {
      return String.valueOf(input);
    }
  }

  /** Cuts scrubbed text to {@code max}, scrubbing the cut again; empty if that cannot fit. */
  static ScrubbedText cap(Scrubber scrubber, ScrubbedText text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max - 20;
    String v = text.value();
    if (Character.isHighSurrogate(v.charAt(cut - 1))) {
      cut--;
    }
    ScrubbedText again = scrubber.scrub(v.substring(0, cut) + " [cut]");
    return again.length() <= max ? again : ScrubbedText.empty();
  }
}
