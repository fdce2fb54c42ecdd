package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.route.StopReason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Records NOME's hooks as trusted in a run's own Codex home. Codex runs a hook only once its hash
 * is recorded as trusted ({@code [hooks.state."KEY"] trusted_hash}) and otherwise skips it
 * silently, letting the call run; the hash is Codex's to compute, so NOME asks Codex for it ({@code
 * codex app-server}, method {@code hooks/list}), records it, and asks again to check that Codex now
 * calls every one of NOME's hooks trusted. Anything else refuses the seat: a run never starts with
 * a hook Codex would skip.
 */
final class CodexHookTrust {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern KEY = Pattern.compile("[^\"\\\\\\p{Cntrl}]{1,4096}");
  static final int HOOKS = 2;

  private CodexHookTrust() {}

  static void trust(Path codex, Map<String, String> env, Path home, Path cwd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(codex.toString(), "app-server").directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = CliProcess.readLines(p, lines::add);
    long deadline = System.nanoTime() + SeatProbe.TIMEOUT.toNanos();
    try (OutputStream in = p.getOutputStream()) {
      Rpc rpc = new Rpc(in, lines, deadline);
      ObjectNode init = JSON.createObjectNode();
      init.putObject("clientInfo").put("name", "nome").put("version", "1");
      rpc.call("initialize", init);
      rpc.notify("initialized");
      Path hooksFile = home.resolve("hooks.json");
      List<JsonNode> ours = ours(rpc.call("hooks/list", listParams(cwd)), hooksFile);
      if (ours.size() != HOOKS) {
        throw refused("Codex listed " + ours.size() + " of NOME's " + HOOKS + " hooks");
      }
      StringBuilder state = new StringBuilder();
      for (JsonNode h : ours) {
        String key = h.path("key").asText("");
        String hash = h.path("currentHash").asText("");
        if (!KEY.matcher(key).matches() || !HASH.matcher(hash).matches()) {
          throw refused("Codex described a hook in a way NOME does not understand");
        }
        state.append("\n[hooks.state.\"").append(key).append("\"]\n");
        state.append("trusted_hash = \"").append(hash).append("\"\n");
      }
      Files.writeString(
          home.resolve("config.toml"),
          state.toString(),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      for (JsonNode h : ours(rpc.call("hooks/list", listParams(cwd)), hooksFile)) {
        if (!h.path("trustStatus").asText("").equals("trusted")
            || !h.path("enabled").asBoolean(false)) {
          throw refused(
              "Codex does not take NOME's hook " + h.path("key").asText() + " as trusted");
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
      reader.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  private static ObjectNode listParams(Path cwd) {
    ObjectNode params = JSON.createObjectNode();
    params.putArray("cwds").add(cwd.toString());
    return params;
  }

  private static List<JsonNode> ours(JsonNode result, Path hooksFile) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode entry : result.path("data")) {
      for (JsonNode h : entry.path("hooks")) {
        if (h.path("sourcePath").asText("").equals(hooksFile.toString())) {
          out.add(h);
        }
      }
    }
    return out;
  }

  private static SeatCli.SeatRefused refused(String why) {
    return new SeatCli.SeatRefused(
        StopReason.INTERNAL_ERROR,
        "NOME's hooks could not be set up as trusted for Codex CLI (" + why + "); nothing was run");
  }

  /** A JSON-RPC exchange with the app-server over its stdin and stdout, within one deadline. */
  private static final class Rpc {
    private final OutputStream in;
    private final BlockingQueue<String> lines;
    private final long deadline;
    private int next = 1;

    Rpc(OutputStream in, BlockingQueue<String> lines, long deadline) {
      this.in = in;
      this.lines = lines;
      this.deadline = deadline;
    }

    JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
      int id = next++;
      ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id);
      m.put("method", method);
      m.set("params", params);
      send(m);
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (line == null) {
          throw refused("no answer to " + method + " in time");
        }
        JsonNode j;
        try {
          j = JSON.readTree(line);
        } catch (IOException e) {
          continue;
        }
        if (j != null && j.path("id").asInt(-1) == id) {
          if (!j.has("result")) {
            throw refused(method + " failed");
          }
          return j.get("result");
        }
      }
    }

    void notify(String method) throws IOException {
      send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method));
    }

    private void send(ObjectNode m) throws IOException {
      in.write((m + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }
  }
}
