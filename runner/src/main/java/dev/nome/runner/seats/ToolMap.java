package dev.nome.runner.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.runner.gate.ToolRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a provider CLI's tool calls are judged by the gate: each of its tools mapped to the NOME tool
 * whose rules apply, with the input fields that carry over. Read from a resource file (format in
 * {@code seats/README.md}); a tool not in the file becomes an unknown tool, which the gate refuses.
 */
public final class ToolMap {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NOME_TOOLS =
      Set.of("shell", "read_file", "write_file", "edit_file", "list_dir", "search");
  private static final Set<String> PATH_DEFAULTS = Set.of("list_dir", "search");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern FIELD = Pattern.compile("[a-z][a-z_]{0,63}=[a-z][a-z_]{0,63}");

  private record Mapping(String tool, Map<String, String> fields) {}

  private final Map<String, Mapping> mappings;

  private ToolMap(Map<String, Mapping> mappings) {
    this.mappings = Map.copyOf(mappings);
  }

  /** Claude Code's tools ({@code claude-tools.txt}). */
  public static ToolMap claude() {
    return Shipped.CLAUDE;
  }

  /** Codex CLI's tools ({@code codex-tools.txt}). */
  public static ToolMap codex() {
    return Shipped.CODEX;
  }

  /** Gemini CLI's tools ({@code gemini-tools.txt}). */
  public static ToolMap gemini() {
    return Shipped.GEMINI;
  }

  /** The shipped maps, read once, when first asked for. */
  private static final class Shipped {
    static final ToolMap CLAUDE = resource("claude-tools.txt");
    static final ToolMap CODEX = resource("codex-tools.txt");
    static final ToolMap GEMINI = resource("gemini-tools.txt");
  }

  static ToolMap resource(String name) {
    try (InputStream in = ToolMap.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  /** Parses the format; a malformed line is an error naming the line. */
  public static ToolMap parse(String text) {
    Map<String, Mapping> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String body = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (body.isEmpty()) {
        continue;
      }
      String[] parts = body.split("\\s+");
      if (parts.length < 2
          || !NAME.matcher(parts[0]).matches()
          || !NOME_TOOLS.contains(parts[1])
          || out.containsKey(parts[0])) {
        throw new IllegalArgumentException("line " + (i + 1) + ": not a tool mapping: " + body);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int f = 2; f < parts.length; f++) {
        if (!FIELD.matcher(parts[f]).matches()) {
          throw new IllegalArgumentException(
              "line " + (i + 1) + ": not a field mapping: " + parts[f]);
        }
        String[] kv = parts[f].split("=");
        fields.put(kv[0], kv[1]);
      }
      out.put(parts[0], new Mapping(parts[1], fields));
    }
    return new ToolMap(out);
  }

  /**
   * The call as the gate judges it. An unknown tool keeps a name the gate does not know, so it is
   * refused and recorded; a field that is not text where text is expected is left out, so the call
   * is judged on what it does say (a missing path or command is refused by the gate).
   */
  public ToolRequest request(String callId, String cliTool, JsonNode input) {
    Mapping m = mappings.get(cliTool);
    if (m == null) {
      String shown = NAME.matcher(cliTool == null ? "" : cliTool).matches() ? cliTool : "invalid";
      return new ToolRequest(callId, "unmapped-" + shown, JSON.createObjectNode());
    }
    ObjectNode judged = JSON.createObjectNode();
    for (var e : m.fields().entrySet()) {
      JsonNode v = input == null ? null : input.get(e.getKey());
      if (v != null && v.isTextual()) {
        judged.put(e.getValue(), v.asText());
      }
    }
    if (PATH_DEFAULTS.contains(m.tool()) && !judged.has("path")) {
      judged.put("path", ".");
    }
    return new ToolRequest(callId, m.tool(), judged);
  }
}
