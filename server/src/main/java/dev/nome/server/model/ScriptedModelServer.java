package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local model server that speaks the providers' HTTP APIs and plays a script, for tests and
 * {@code nome demo}: no model traffic leaves the machine.
 *
 * <p><b>APIs.</b> Bound to 127.0.0.1 on a free port. {@code POST /v1/messages} is the Anthropic
 * Messages API ({@code x-api-key}, {@code anthropic-version} required; {@code stream: true} answers
 * SSE events {@code message_start}, {@code content_block_start}, {@code content_block_delta} with
 * {@code text_delta} or {@code input_json_delta}, {@code content_block_stop}, {@code message_delta}
 * with {@code stop_reason} and {@code usage}, {@code message_stop}; otherwise one message JSON).
 * {@code POST /v1/chat/completions} is the OpenAI Chat Completions API ({@code Authorization:
 * Bearer}; {@code stream: true} answers {@code data:} chunks with {@code choices[0].delta.content}
 * or {@code delta.tool_calls[{index, id, function:{name, arguments}}]}, a last chunk with {@code
 * finish_reason}, a usage chunk when {@code stream_options.include_usage}, then {@code data:
 * [DONE]}; otherwise one completion JSON). {@code POST /v1/responses} is the OpenAI Responses API
 * (Codex CLI's wire; {@code Authorization: Bearer}; see {@link ScriptedResponsesApi}); {@code POST
 * /v1beta/models/MODEL:streamGenerateContent} the Gemini API (see {@link ScriptedGemini}; its base
 * URL is {@link #anthropicBaseUrl()}, without a version). Base URLs as the SDKs take them: {@link
 * #anthropicBaseUrl()} and {@link #openAiBaseUrl()}.
 *
 * <p><b>Script.</b> Each request with the right key plays the next {@link ScriptedTurn}, whichever
 * API it came through: a {@link ScriptedTurn.Reply} (text and tool calls with JSON input, usage), a
 * {@link ScriptedTurn.Failure} (an HTTP status such as 401, 403, 429 with {@code retry-after}, 500
 * or 529, with the provider's error body), or a {@link ScriptedTurn.Stall} (a stream that starts
 * and then goes quiet). A wrong or missing key is answered 401 without using a turn; a request past
 * the end of the script is answered 400. As JSON ({@link ScriptedTurn#parse}, {@link
 * ScriptedTurn#fromResource}):
 *
 * <pre>
 * {"turns": [
 *   {"text": "Reading it.", "toolCalls": [{"id": "call_1", "name": "read_file",
 *       "input": {"path": "README.md"}}], "usage": {"inputTokens": 20, "outputTokens": 8}},
 *   {"status": 429, "retryAfter": 1, "message": "slow down"},
 *   {"stallMillis": 5000},
 *   {"text": "Done.", "stopReason": "end_turn"}
 * ]}
 * </pre>
 *
 * <p><b>Records.</b> Every request is kept whole, headers (names in lower case) and body, so a test
 * can check what arrived, including the key: {@link #whereSeen} lists every place a string
 * occurred, so a test can assert the key appeared in the authentication header and nowhere else.
 */
public final class ScriptedModelServer implements AutoCloseable {

  private static final java.util.regex.Pattern GEMINI_PATH =
      java.util.regex.Pattern.compile(
          "/v1beta/models/([A-Za-z0-9._-]+):(generateContent|streamGenerateContent)");

  /** One request as received, and the status it was answered with. */
  public record Received(
      int index,
      String api,
      String path,
      Map<String, List<String>> headers,
      String body,
      int status) {

    public JsonNode json() {
      try {
        return NeutralJson.MAPPER.readTree(body);
      } catch (IOException e) {
        return NeutralJson.MAPPER.missingNode();
      }
    }
  }

  private final HttpServer http;
  private final ExecutorService executor;
  private final String expectedKey;
  private final List<ScriptedTurn> script;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<Integer, Runnable> beforeTurn = new HashMap<>();
  private int next;

  private ScriptedModelServer(String expectedKey, List<ScriptedTurn> script) throws IOException {
    this.expectedKey = Objects.requireNonNull(expectedKey, "expectedKey");
    this.script = List.copyOf(script);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
  }

  /** Starts serving {@code script} to requests that carry {@code expectedKey}. */
  public static ScriptedModelServer start(String expectedKey, List<ScriptedTurn> script)
      throws IOException {
    return new ScriptedModelServer(expectedKey, script);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** What to give as the Anthropic base URL (the SDK form, without {@code /v1}). */
  public URI anthropicBaseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * What to give as the OpenAI (or OpenAI-compatible) base URL (the SDK form, with {@code /v1}).
   */
  public URI openAiBaseUrl() {
    return URI.create("http://127.0.0.1:" + port() + "/v1");
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** How many turns were played (errors and stalls included). */
  public synchronized int played() {
    return next;
  }

  /**
   * Every place {@code needle} occurred in what was received: {@code "request N header NAME"} or
   * {@code "request N body"}.
   */
  public List<String> whereSeen(String needle) {
    List<String> places = new ArrayList<>();
    for (Received r : received()) {
      r.headers()
          .forEach(
              (name, values) -> {
                if (values.stream().anyMatch(v -> v.contains(needle))) {
                  places.add("request " + r.index() + " header " + name);
                }
              });
      if (r.body().contains(needle)) {
        places.add("request " + r.index() + " body");
      }
    }
    return places;
  }

  private synchronized ScriptedTurn take() {
    if (next >= script.size()) {
      return null;
    }
    ScriptedTurn turn = script.get(next++);
    Runnable action = beforeTurn.remove(next);
    if (action != null) {
      action.run();
    }
    return turn;
  }

  /**
   * Runs {@code action} when turn {@code turn} (counting from 1) is taken, before its answer is
   * sent: what a test needs to happen between two turns happens exactly there.
   */
  public synchronized void beforeTurn(int turn, Runnable action) {
    beforeTurn.put(turn, action);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      ex.getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      String api =
          switch (path) {
            case "/v1/messages" -> "anthropic";
            case "/v1/chat/completions" -> "openai";
            case "/v1/responses" -> "openai-responses";
            default -> GEMINI_PATH.matcher(path).matches() ? "gemini" : "unknown";
          };
      answer(new Exchange(ex, api, path, headers, body));
    }
  }

  /**
   * One request being answered. It is recorded just before its response starts, so a client that
   * has read the answer always finds the record.
   */
  private final class Exchange {
    final HttpExchange ex;
    final String api;
    final String path;
    final Map<String, List<String>> headers;
    final String body;

    Exchange(
        HttpExchange ex, String api, String path, Map<String, List<String>> headers, String body) {
      this.ex = ex;
      this.api = api;
      this.path = path;
      this.headers = headers;
      this.body = body;
    }

    void start(int status, long length) throws IOException {
      synchronized (received) {
        received.add(new Received(received.size(), api, path, headers, body, status));
      }
      ex.sendResponseHeaders(status, length);
    }
  }

  private int answer(Exchange x) throws IOException {
    HttpExchange ex = x.ex;
    String api = x.api;
    Map<String, List<String>> headers = x.headers;
    String body = x.body;
    boolean anthropic = api.equals("anthropic");
    if (api.equals("unknown") || !ex.getRequestMethod().equals("POST")) {
      return send(x, 404, anthropic, "no such endpoint on the scripted model server");
    }
    if (api.equals("gemini")) {
      return gemini(x);
    }
    String key = anthropic ? first(headers, "x-api-key") : bearer(first(headers, "authorization"));
    if (!expectedKey.equals(key)) {
      return send(x, 401, anthropic, anthropic ? "invalid x-api-key" : "Incorrect API key");
    }
    if (anthropic && first(headers, "anthropic-version").isEmpty()) {
      return send(x, 400, true, "anthropic-version: header is required");
    }
    JsonNode req;
    try {
      req = NeutralJson.MAPPER.readTree(body);
    } catch (IOException e) {
      req = null;
    }
    boolean responsesApi = api.equals("openai-responses");
    if (req == null
        || !req.path("model").isTextual()
        || !(responsesApi ? req.has("input") : req.path("messages").isArray())
        || (anthropic && !req.path("max_tokens").isIntegralNumber())) {
      return send(x, 400, anthropic, "the request needs model, messages and max_tokens");
    }
    ScriptedTurn turn = take();
    if (turn == null) {
      return send(x, 400, anthropic, "the script has no more turns");
    }
    String model = req.get("model").asText();
    boolean stream = req.path("stream").asBoolean(false);
    int n = played();
    return switch (turn) {
      case ScriptedTurn.Failure f -> {
        f.retryAfterSeconds()
            .ifPresent(s -> ex.getResponseHeaders().set("retry-after", String.valueOf(s)));
        yield send(x, f.status(), anthropic, f.message().replace("{key}", key));
      }
      case ScriptedTurn.Stall s -> stall(x, s);
      case ScriptedTurn.Reply r -> {
        String id =
            (anthropic ? "msg_scripted_" : responsesApi ? "resp_scripted_" : "chatcmpl-scripted-")
                + n;
        long created = System.currentTimeMillis() / 1000;
        if (!stream) {
          JsonNode out =
              anthropic
                  ? ScriptedResponses.anthropicMessage(r, model, id)
                  : responsesApi
                      ? ScriptedResponsesApi.response(r, model, id, "completed")
                      : ScriptedResponses.openAiCompletion(r, model, id, created);
          yield sendJson(x, 200, out);
        }
        List<String> frames =
            anthropic
                ? ScriptedResponses.anthropicStream(r, model, id)
                : responsesApi
                    ? ScriptedResponsesApi.stream(r, model, id)
                    : ScriptedResponses.openAiStream(
                        r,
                        model,
                        id,
                        created,
                        req.path("stream_options").path("include_usage").asBoolean(false));
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        x.start(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String f : frames) {
          out.write(f.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        yield 200;
      }
    };
  }

  /** The Gemini API: the model is in the path, the key in {@code x-goog-api-key}. */
  private int gemini(Exchange x) throws IOException {
    var m = GEMINI_PATH.matcher(x.path);
    if (!m.matches()) {
      return sendJson(x, 404, ScriptedGemini.error(404, "no such endpoint"));
    }
    if (!expectedKey.equals(first(x.headers, "x-goog-api-key"))) {
      return sendJson(
          x, 400, ScriptedGemini.error(400, "API key not valid. Please pass a valid API key."));
    }
    JsonNode req;
    try {
      req = NeutralJson.MAPPER.readTree(x.body);
    } catch (IOException e) {
      req = null;
    }
    if (req == null || !req.path("contents").isArray()) {
      return sendJson(x, 400, ScriptedGemini.error(400, "the request needs contents"));
    }
    ScriptedTurn turn = take();
    if (turn == null) {
      return sendJson(x, 400, ScriptedGemini.error(400, "the script has no more turns"));
    }
    String model = m.group(1);
    return switch (turn) {
      case ScriptedTurn.Failure f -> {
        f.retryAfterSeconds()
            .ifPresent(s -> x.ex.getResponseHeaders().set("retry-after", String.valueOf(s)));
        yield sendJson(x, f.status(), ScriptedGemini.error(f.status(), f.message()));
      }
      case ScriptedTurn.Stall s -> stall(x, s);
      case ScriptedTurn.Reply r -> {
        if (!m.group(2).equals("streamGenerateContent")) {
          yield sendJson(x, 200, ScriptedGemini.response(r, model));
        }
        x.ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        x.start(200, 0);
        OutputStream out = x.ex.getResponseBody();
        for (String f : ScriptedGemini.stream(r, model)) {
          out.write(f.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        yield 200;
      }
    };
  }

  private int stall(Exchange x, ScriptedTurn.Stall s) throws IOException {
    x.ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    x.start(200, 0);
    OutputStream out = x.ex.getResponseBody();
    out.write(": stalling\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    try {
      closing.await(s.hold().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 200;
  }

  private static int send(Exchange x, int status, boolean anthropic, String message)
      throws IOException {
    return sendJson(
        x,
        status,
        anthropic
            ? ScriptedResponses.anthropicError(status, message)
            : ScriptedResponses.openAiError(status, message));
  }

  private static int sendJson(Exchange x, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    x.ex.getResponseHeaders().set("Content-Type", "application/json");
    x.start(status, bytes.length);
    x.ex.getResponseBody().write(bytes);
    return status;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? "" : v.getFirst();
  }

  private static String bearer(String authorization) {
    return authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
  }

  @Override
  public void close() {
    closing.countDown();
    http.stop(0);
    executor.shutdownNow();
  }
}
