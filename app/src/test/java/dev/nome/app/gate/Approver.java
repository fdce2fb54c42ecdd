package dev.nome.app.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.SseStream;
import dev.nome.server.testing.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A person at another device: watches the approval queue live with a user token and decides each
 * raised request by its proposed action ({@code approve}, {@code deny}, or null to let it expire).
 */
final class Approver implements AutoCloseable {

  final List<JsonNode> raised = new CopyOnWriteArrayList<>();
  private final SseStream stream;
  private final Thread thread;

  Approver(URI server, String userToken, Function<String, String> verdict) throws Exception {
    stream = SseStream.bearer(server, userToken, "0"); // replays every event so far
    thread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    while (true) {
                      SseStream.Event e = stream.poll(Duration.ofSeconds(60));
                      if (e == null) {
                        return;
                      }
                      if (!e.type().equals("raised")) {
                        continue;
                      }
                      JsonNode request = WebClient.JSON.readTree(e.data()).path("request");
                      raised.add(request);
                      String verb = verdict.apply(request.path("action").asText());
                      if (verb != null) {
                        Approvals.decide(
                            server, userToken, request.path("id").asText(), verb, "by the test");
                      }
                    }
                  } catch (InterruptedException ex) {
                    // closed
                  } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                  }
                });
  }

  @Override
  public void close() {
    thread.interrupt();
    stream.close();
  }
}
