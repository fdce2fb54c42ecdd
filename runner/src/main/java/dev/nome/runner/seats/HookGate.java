package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nome.runner.gate.Admission;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.GateResult;
import dev.nome.runner.gate.Pending;
import dev.nome.runner.gate.ToolRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Where a seat's hooks reach the gate: a loopback HTTP endpoint of the runner, for one run, that
 * the hook script ({@code hook.js}) posts each hook's JSON to with the run's token. A PreToolUse
 * call is judged by {@link Gate#admit} and answered {@code allow} or {@code deny} with the reason;
 * a PostToolUse records what the CLI did ({@link Gate#complete}). Anything it does not understand
 * is answered with a refusal (a guard hook then blocks the call).
 *
 * <p>It keeps a tally of the calls it decided, for the cross-check at the end of the run: every
 * tool call in the CLI's own stream must have been decided here, and the CLI's denials must be
 * exactly the gate's.
 */
public final class HookGate implements AutoCloseable {

  static final int MAX_BODY = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the gate saw of the run's tool calls, by the CLI's call ids.
   *
   * @param admittedCalls every admitted call as the gate judged it, in the order admitted
   */
  public record Tally(
      Set<String> admitted,
      Set<String> refused,
      Set<String> deferred,
      Set<String> completed,
      Set<String> unmatched,
      List<ToolRequest> admittedCalls) {}

  /**
   * How a call that needs a person is held. {@code DEFER}: the CLI pauses the run on it and asks
   * again, with the same call id, after a resume (Claude Code). {@code DENY_AND_RETRY}: the CLI
   * honours only a denial, so the call is denied with word that it waits for a person, and when the
   * model asks again for the same call after the decision, the decision answers it (Codex CLI).
   */
  public enum Pause {
    DEFER,
    DENY_AND_RETRY
  }

  private final Gate gate;
  private final SeatApprovals approvals;
  private final Consumer<GateResult> decided;
  private final ToolMap tools;
  private final String token;
  private final HttpServer http;
  private final ExecutorService threads;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Set<String> admitted = new HashSet<>();
  private final Set<String> refused = new HashSet<>();
  private final Set<String> deferred = new HashSet<>();
  private final Set<String> completed = new HashSet<>();
  private final Set<String> unmatched = new HashSet<>();
  private final List<ToolRequest> admittedCalls = new ArrayList<>();
  private final Pause pause;
  private final Map<String, ArrayDeque<String>> unnamed = new HashMap<>();
  private int unnamedCalls;

  private HookGate(
      Gate gate,
      SeatApprovals approvals,
      ToolMap tools,
      Pause pause,
      Consumer<GateResult> decided,
      String token,
      HttpServer http,
      ExecutorService t) {
    this.gate = gate;
    this.pause = pause;
    this.approvals = approvals;
    this.decided = decided;
    this.tools = tools;
    this.token = token;
    this.http = http;
    this.threads = t;
  }

  /**
   * @param approvals the gate's way of asking a person (calls are decided within {@link
   *     SeatApprovals#forCall}); null when the gate asks otherwise
   * @param decided told each decision the gate made (for the run's progress); must return quickly
   */
  public static HookGate start(
      Gate gate, SeatApprovals approvals, ToolMap tools, Consumer<GateResult> decided)
      throws IOException {
    return start(gate, approvals, tools, Pause.DEFER, decided);
  }

  /**
   * @param pause how the CLI holds a call that needs a person
   */
  public static HookGate start(
      Gate gate, SeatApprovals approvals, ToolMap tools, Pause pause, Consumer<GateResult> decided)
      throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    ExecutorService threads =
        Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory());
    HookGate g = new HookGate(gate, approvals, tools, pause, decided, token, http, threads);
    http.createContext("/hook", g::handle);
    http.setExecutor(threads);
    http.start();
    return g;
  }

  /** Where the hook script posts. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hook");
  }

  /** The run's token the hook script sends; kept in a 0600 file, never in the environment. */
  public String token() {
    return token;
  }

  public synchronized Tally tally() {
    return new Tally(
        Set.copyOf(admitted),
        Set.copyOf(refused),
        Set.copyOf(deferred),
        Set.copyOf(completed),
        Set.copyOf(unmatched),
        List.copyOf(admittedCalls));
  }

  /**
   * Closes admitted calls whose result never came (the CLI was stopped, or the hook gave up before
   * the decision and blocked the call): recorded as not completed.
   */
  public synchronized void closeOpenCalls() {
    for (Pending p : pending.values()) {
      gate.complete(
          p, "no result: the CLI reported none for this call", false, OptionalInt.empty(), 0);
    }
    pending.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST") || !authorized(ex)) {
        reply(ex, 401, "{}");
        return;
      }
      JsonNode hook;
      try (InputStream in = ex.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          reply(ex, 413, "{}");
          return;
        }
        hook = JSON.readTree(body);
      } catch (IOException e) {
        reply(ex, 400, "{}");
        return;
      }
      String event = hook == null ? "" : hook.path("hook_event_name").asText("");
      String answer =
          switch (event) {
            case "PreToolUse" -> preToolUse(hook, false);
            case "BeforeTool" -> preToolUse(hook, true);
            case "PostToolUse", "AfterTool" -> postToolUse(hook, true);
            case "PostToolUseFailure" -> postToolUse(hook, false);
            default -> "{}";
          };
      reply(ex, 200, answer);
    } catch (RuntimeException e) {
      // Fail closed: the hook script blocks the call on anything but a 200 with a decision.
      reply(ex, 500, "{}");
    }
  }

  private boolean authorized(HttpExchange ex) {
    String got = ex.getRequestHeaders().getFirst("Authorization");
    byte[] want = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return got != null && MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8), want);
  }

  /**
   * The CLI's id for the call, or for a CLI that gives none (Gemini CLI), one of ours; a result is
   * then matched to its call by what the call asked.
   */
  private synchronized String callId(String cliId) {
    return cliId.isEmpty() ? "call-" + (++unnamedCalls) : cliId;
  }

  private static String contentKey(JsonNode hook) {
    return hook.path("tool_name").asText("") + "\n" + hook.path("tool_input");
  }

  private String preToolUse(JsonNode hook, boolean gemini) {
    String cliId = hook.path("tool_use_id").asText("");
    String id = callId(cliId);
    boolean named = !cliId.isEmpty();
    ToolRequest request =
        tools.request(id, hook.path("tool_name").asText(""), hook.path("tool_input"));
    // A CLI that pauses asks again with the same call id; one that is denied asks again with a new
    // id for the same call, which is then known by what it asks.
    String key = pause == Pause.DEFER ? id : Admissions.key(request);
    Admission a =
        approvals == null ? gate.admit(request) : approvals.forCall(key, () -> gate.admit(request));
    synchronized (this) {
      switch (a) {
        case Admission.Admitted ok -> {
          admitted.add(id);
          admittedCalls.add(request);
          if (!named) {
            // Only an admitted call has a result to match: it is matched by what it asked.
            unnamed.computeIfAbsent(contentKey(hook), k -> new ArrayDeque<>()).add(id);
          }
          deferred.remove(id);
          pending.put(id, ok.pending());
        }
        case Admission.Refused no -> {
          refused.add(id);
          deferred.remove(id);
        }
        case Admission.Deferred later -> deferred.add(id);
      }
    }
    return switch (a) {
      case Admission.Admitted ok -> {
        decided.accept(a.result());
        yield decision(gemini, "allow", "NOME: " + a.result().decision().label());
      }
      case Admission.Refused no -> {
        decided.accept(a.result());
        yield decision(gemini, "deny", "NOME: " + a.result().reason().value());
      }
      case Admission.Deferred later ->
          pause == Pause.DEFER
              ? decision(
                  gemini,
                  "defer",
                  "NOME: waiting for a person to decide (" + later.requestId() + ")")
              : decision(
                  gemini,
                  "deny",
                  "NOME: this call waits for a person to decide ("
                      + later.requestId()
                      + "). Do not try it another way; finish your turn now. You will be told the"
                      + " decision, and if it is approved, make exactly the same call again.");
    };
  }

  private String postToolUse(JsonNode hook, boolean success) {
    String id = hook.path("tool_use_id").asText("");
    Pending p;
    synchronized (this) {
      if (id.isEmpty()) {
        ArrayDeque<String> ids = unnamed.get(contentKey(hook));
        id = ids == null || ids.isEmpty() ? "unnamed" : ids.poll();
      }
      p = pending.remove(id);
      if (p == null) {
        unmatched.add(id);
        return "{}";
      }
      completed.add(id);
    }
    JsonNode response = hook.path("tool_response");
    boolean interrupted = response.path("interrupted").asBoolean(false);
    gate.complete(
        p,
        outputText(response),
        success && !interrupted,
        OptionalInt.empty(),
        hook.path("duration_ms").asLong(0));
    return "{}";
  }

  /** A tool's response as text: a command's output streams, else the response as JSON. */
  static String outputText(JsonNode response) {
    if (response.isTextual()) {
      return response.asText();
    }
    if (response.path("llmContent").isTextual()) {
      return response.path("llmContent").asText(); // Gemini CLI: what the model is given
    }
    if (response.has("stdout") || response.has("stderr")) {
      String out = response.path("stdout").asText("");
      String err = response.path("stderr").asText("");
      return err.isEmpty() ? out : out + (out.endsWith("\n") || out.isEmpty() ? "" : "\n") + err;
    }
    return response.isMissingNode() ? "" : response.toString();
  }

  /**
   * A decision as the CLI reads it: Gemini CLI's own shape, or the Claude Code one Codex shares.
   */
  static String decision(boolean gemini, String decision, String reason) {
    if (gemini) {
      // Gemini CLI knows allow and deny only: anything but allow is a denial.
      boolean allow = decision.equals("allow");
      ObjectNode root = JSON.createObjectNode().put("decision", allow ? "allow" : "deny");
      if (!allow) {
        root.put("reason", reason);
      }
      return root.toString();
    }
    return decision(decision, reason);
  }

  static String decision(String decision, String reason) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode out = root.putObject("hookSpecificOutput");
    out.put("hookEventName", "PreToolUse");
    out.put("permissionDecision", decision);
    out.put("permissionDecisionReason", reason);
    return root.toString();
  }

  private static void reply(HttpExchange ex, int status, String body) {
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    } catch (IOException e) {
      // the hook script treats a lost answer as a refusal
    }
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
