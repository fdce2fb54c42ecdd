package dev.nome.runner.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.runner.control.RevokedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Where a run stands for this host, as the control plane has it ({@code GET /api/runs/{id}}). */
public enum RunStanding {
  /** Not ended: it may be running on this host right now. A status not known here counts too. */
  OPEN,
  /** Succeeded, failed or stopped: final. */
  ENDED,
  /** Not a run of this host (404 or 403): it cannot be running here. */
  NOT_THIS_HOSTS;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Asks the control plane at {@code server} with this host's device token.
   *
   * @throws RevokedException when this host was revoked
   * @throws IOException when the control plane cannot say
   */
  public static RunStanding ask(
      HttpClient http, URI server, String deviceToken, String runId, Duration timeout)
      throws IOException, InterruptedException {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(server.resolve("/api/runs/" + runId))
                .timeout(timeout)
                .header("Authorization", "Bearer " + deviceToken)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    int status = res.statusCode();
    if (status == 401) {
      throw new RevokedException();
    }
    if (status == 404 || status == 403) {
      return NOT_THIS_HOSTS;
    }
    if (status != 200) {
      throw new IOException("the control plane answered " + status);
    }
    return switch (JSON.readTree(res.body()).path("status").asText("")) {
      case "succeeded", "failed", "stopped" -> ENDED;
      default -> OPEN;
    };
  }
}
