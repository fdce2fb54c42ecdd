package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NOME's hooks as the three CLIs configure them, which share one shape: {@code {"EVENT":
 * [{"matcher": "*", "hooks": [{"type": "command", "command": …, "timeout": …}]}]}}, each hook
 * running {@code hook.js} in a mode ({@code guard}, {@code guard-gemini} or {@code observe}) with a
 * budget that ends 3 seconds before the CLI's timeout.
 */
final class SeatHooks {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The least hook timeout: the script needs its budget and the 3 seconds of margin. */
  static final int MIN_TIMEOUT_SECONDS = 5;

  private SeatHooks() {}

  static void checkTimeout(int seconds) {
    if (seconds < MIN_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException(
          "the hook timeout must be at least " + MIN_TIMEOUT_SECONDS + " seconds");
    }
  }

  /** Event name to hook mode, in order. */
  static Map<String, String> events(String... eventThenMode) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < eventThenMode.length; i += 2) {
      out.put(eventThenMode[i], eventThenMode[i + 1]);
    }
    return out;
  }

  /**
   * The {@code hooks} object: for each event, {@code hook.js} in its mode.
   *
   * @param timeoutSeconds the hooks' timeout
   * @param timeoutUnit how the CLI reads the timeout: 1 for seconds, 1000 for milliseconds
   */
  static ObjectNode hooks(
      Path node,
      Path runDir,
      HookGate gate,
      int timeoutSeconds,
      int timeoutUnit,
      Map<String, String> eventModes) {
    int budgetMs = (timeoutSeconds - 3) * 1000;
    ObjectNode events = JSON.createObjectNode();
    eventModes.forEach(
        (event, mode) -> {
          ObjectNode matcher = events.putArray(event).addObject();
          matcher.put("matcher", "*");
          ObjectNode h = matcher.putArray("hooks").addObject();
          h.put("type", "command");
          h.put("command", ClaudeSeat.hookCommand(node, runDir, gate, budgetMs, mode));
          h.put("timeout", timeoutSeconds * timeoutUnit);
        });
    return events;
  }
}
