package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;

/** How one provider API is spoken: the request it takes and the answers it gives. */
interface ProviderWire {

  /** The endpoint under the base URL. */
  URI endpoint(URI baseUrl);

  /** The request body for a call (streaming or not). */
  ObjectNode body(ModelCall call, String model, boolean stream);

  /** Adds the key and version headers. */
  void authenticate(HttpRequest.Builder request, String key);

  /** Assembles the answer from an event stream. */
  ModelAnswer readStream(InputStream in, Runnable onLine, String model)
      throws IOException, ProviderFailure;

  /** Reads a whole (non-streaming) JSON answer. */
  ModelAnswer readJson(JsonNode root, String model) throws ProviderFailure;

  /** A broken answer: counted as the provider being unavailable (retried). */
  static ProviderFailure broken(String what) {
    return new ProviderFailure(
        ProviderFailure.Kind.UNAVAILABLE, 0, java.util.Optional.empty(), what);
  }

  /** Parses the JSON text of tool arguments into an object ({} when empty). */
  static ObjectNode arguments(String json) throws ProviderFailure {
    if (json == null || json.isBlank()) {
      return NeutralJson.MAPPER.createObjectNode();
    }
    try {
      JsonNode n = NeutralJson.MAPPER.readTree(json);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (IOException e) {
      // fall through: reported below without the text
    }
    throw broken("the provider sent tool arguments that are not a JSON object");
  }
}
