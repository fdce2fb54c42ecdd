package dev.nome.server.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads Server-Sent Events (event name and joined data lines) from a provider's stream. */
final class SseReader {

  /** Receives one event; returns false to stop reading. */
  @FunctionalInterface
  interface Listener {
    boolean onEvent(String event, String data) throws ProviderFailure;
  }

  private SseReader() {}

  /** Reads until the listener stops or the stream ends; {@code onLine} sees every line read. */
  static void read(InputStream in, Runnable onLine, Listener listener)
      throws IOException, ProviderFailure {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String event = "";
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    String line;
    while ((line = r.readLine()) != null) {
      onLine.run();
      if (line.isEmpty()) {
        if (hasData && !listener.onEvent(event, data.toString())) {
          return;
        }
        event = "";
        data.setLength(0);
        hasData = false;
      } else if (line.startsWith(":")) {
        continue;
      } else if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String d = line.substring(5);
        if (d.startsWith(" ")) {
          d = d.substring(1);
        }
        if (hasData) {
          data.append('\n');
        }
        data.append(d);
        hasData = true;
      }
    }
    if (hasData) {
      listener.onEvent(event, data.toString());
    }
  }
}
