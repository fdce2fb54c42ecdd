package dev.nome.runner.approvals;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/** Parses a {@code text/event-stream} (the subset servers send: id, event, data, comments). */
final class SseReader {

  private SseReader() {}

  /** Reads events until the stream ends; comments go to {@code onComment} (liveness). */
  static void read(BufferedReader in, Consumer<ServerEvent> onEvent, Runnable onComment)
      throws IOException {
    String id = null;
    String type = "message";
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (hasData) {
          onEvent.accept(new ServerEvent(id, type, data.toString()));
        }
        id = null;
        type = "message";
        data.setLength(0);
        hasData = false;
      } else if (line.startsWith(":")) {
        onComment.run();
      } else {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "id" -> id = value;
          case "event" -> type = value;
          case "data" -> {
            if (hasData) {
              data.append('\n');
            }
            data.append(value);
            hasData = true;
          }
          default -> {
            // retry and unknown fields: nothing to do
          }
        }
      }
    }
  }
}
