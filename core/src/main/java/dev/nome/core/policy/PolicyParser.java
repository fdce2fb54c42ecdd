package dev.nome.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one policy file (TOML; the schema is in docs/policy.md). Strict: an unknown key, a value of
 * the wrong type or out of range, or bad TOML is refused with the file and line named.
 */
public final class PolicyParser {

  static final Set<String> TOP_KEYS = Set.of("run", "defaults", "tools", "files");
  static final Set<String> RUN_KEYS = Set.of("budget");
  static final Set<String> TOOL_KEYS =
      Set.of("max_calls_per_run", "approve_at", "offline", "cost_weight", "roles");
  static final Set<String> FILE_KEYS = Set.of("path", "access");

  static final long MAX_CALLS_LIMIT = 1_000_000_000L;
  static final double MAX_COST = 1_000_000_000d;
  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,128}");
  private static final TomlMapper TOML = new TomlMapper();

  private final String source;
  private final TomlKeyLines lines;

  private PolicyParser(String source, String text) {
    this.source = source;
    this.lines = new TomlKeyLines(text);
  }

  /**
   * Parses {@code text}.
   *
   * @param source how messages name the file, e.g. its path
   * @throws PolicyException naming the line of the first problem
   */
  public static PolicyLayer parse(PolicyLayer.Kind kind, String source, String text)
      throws PolicyException {
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new PolicyException(where(source, line) + "not valid TOML: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      throw new PolicyException(source + ": not valid TOML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException(source + ": not a TOML document");
    }
    PolicyParser p = new PolicyParser(source, text);
    PolicyLayer layer = p.layer(kind, root);
    if (kind == PolicyLayer.Kind.SHIPPED) {
      p.requireComplete(layer);
    }
    return layer;
  }

  private PolicyLayer layer(PolicyLayer.Kind kind, JsonNode root) throws PolicyException {
    knownKeys(root, List.of(), TOP_KEYS);
    Setting<Double> budget = null;
    JsonNode run = root.get("run");
    if (run != null) {
      table(run, List.of("run"));
      knownKeys(run, List.of("run"), RUN_KEYS);
      if (run.has("budget")) {
        budget = number(run.get("budget"), List.of("run", "budget"), MAX_COST);
      }
    }
    ToolSettings defaults = ToolSettings.EMPTY;
    if (root.has("defaults")) {
      defaults = tool(root.get("defaults"), List.of("defaults"));
    }
    Map<String, ToolSettings> tools = new LinkedHashMap<>();
    JsonNode toolsNode = root.get("tools");
    if (toolsNode != null) {
      table(toolsNode, List.of("tools"));
      for (var e : toolsNode.properties()) {
        List<String> path = List.of("tools", e.getKey());
        if (!TOOL_NAME.matcher(e.getKey()).matches()) {
          throw error(path, "bad tool name '" + e.getKey() + "' (letters, digits, _ . : / -)");
        }
        tools.put(e.getKey(), tool(e.getValue(), path));
      }
    }
    List<FileRule> files = new ArrayList<>();
    JsonNode filesNode = root.get("files");
    if (filesNode != null) {
      if (!filesNode.isArray()) {
        throw error(List.of("files"), "'files' must be an array of tables ([[files]])");
      }
      for (int i = 0; i < filesNode.size(); i++) {
        files.add(file(filesNode.get(i), List.of("files", "[" + i + "]"), kind));
      }
    }
    return new PolicyLayer(kind, source, budget, defaults, tools, files);
  }

  private ToolSettings tool(JsonNode node, List<String> path) throws PolicyException {
    table(node, path);
    knownKeys(node, path, TOOL_KEYS);
    Setting<Long> maxCalls = null;
    if (node.has("max_calls_per_run")) {
      List<String> at = child(path, "max_calls_per_run");
      JsonNode v = node.get("max_calls_per_run");
      if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > MAX_CALLS_LIMIT) {
        throw error(at, "max_calls_per_run must be a whole number from 0 to " + MAX_CALLS_LIMIT);
      }
      maxCalls = new Setting<>(v.asLong(), origin(at));
    }
    Setting<ApproveAt> approveAt = null;
    if (node.has("approve_at")) {
      List<String> at = child(path, "approve_at");
      approveAt =
          new Setting<>(
              parseWith(ApproveAt::parse, text(node.get("approve_at"), at), at), origin(at));
    }
    Setting<OfflineMode> offline = null;
    if (node.has("offline")) {
      List<String> at = child(path, "offline");
      offline =
          new Setting<>(
              parseWith(OfflineMode::parse, text(node.get("offline"), at), at), origin(at));
    }
    Setting<Double> cost = null;
    if (node.has("cost_weight")) {
      cost = number(node.get("cost_weight"), child(path, "cost_weight"), MAX_COST);
    }
    Setting<Roles> roles = null;
    if (node.has("roles")) {
      roles = roles(node.get("roles"), child(path, "roles"));
    }
    return new ToolSettings(maxCalls, approveAt, offline, cost, roles);
  }

  private Setting<Roles> roles(JsonNode node, List<String> at) throws PolicyException {
    if (!node.isArray()) {
      throw error(at, "roles must be an array of role names, or [\"*\"] for any role");
    }
    Set<String> names = new HashSet<>();
    boolean any = false;
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw error(at, "roles must hold strings");
      }
      String r = n.asText();
      if (r.equals(Roles.ANY)) {
        any = true;
      } else if (!Roles.isValidName(r)) {
        throw error(at, "bad role name '" + r + "' (lower-case letters, digits, _ and -)");
      } else {
        names.add(r);
      }
    }
    if (any && !names.isEmpty()) {
      throw error(at, "\"*\" already means any role; list it alone");
    }
    return new Setting<>(any ? Roles.anyRole() : Roles.of(names), origin(at));
  }

  private FileRule file(JsonNode node, List<String> path, PolicyLayer.Kind kind)
      throws PolicyException {
    table(node, path);
    knownKeys(node, path, FILE_KEYS);
    if (!node.has("path") || !node.has("access")) {
      throw error(path, "each [[files]] entry needs both path and access");
    }
    List<String> at = child(path, "path");
    String pattern = text(node.get("path"), at);
    if (pattern.isBlank() || pattern.indexOf('\0') >= 0) {
      throw error(at, "path must be a non-empty glob");
    }
    if (List.of(pattern.split("/")).contains("..")) {
      throw error(at, "path must not contain '..' (write the directory it means)");
    }
    if (pattern.startsWith("~") && !pattern.equals("~") && !pattern.startsWith("~/")) {
      throw error(at, "only ~ and ~/... name a home directory; ~user is not supported");
    }
    List<String> accessAt = child(path, "access");
    Access access =
        switch (text(node.get("access"), accessAt)) {
          case "none" -> Access.NONE;
          case "read" -> Access.READ;
          case "write" -> Access.WRITE;
          default -> throw error(accessAt, "access must be none, read or write");
        };
    return new FileRule(pattern, access, kind != PolicyLayer.Kind.WORK_ITEM, origin(at));
  }

  private void requireComplete(PolicyLayer layer) throws PolicyException {
    if (layer.budget() == null) {
      throw error(List.of("run"), "the shipped policy must set run.budget");
    }
    if (!layer.defaults().complete()) {
      throw error(List.of("defaults"), "the shipped policy must set every key of [defaults]");
    }
  }

  private Setting<Double> number(JsonNode v, List<String> at, double max) throws PolicyException {
    if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0 || v.asDouble() > max) {
      throw error(at, at.get(at.size() - 1) + " must be a number from 0 to " + (long) max);
    }
    return new Setting<>(v.asDouble(), origin(at));
  }

  private String text(JsonNode v, List<String> at) throws PolicyException {
    if (!v.isTextual()) {
      throw error(at, at.get(at.size() - 1) + " must be a string");
    }
    return v.asText();
  }

  private void table(JsonNode node, List<String> at) throws PolicyException {
    if (!node.isObject()) {
      throw error(at, "'" + String.join(".", at) + "' must be a table");
    }
  }

  private void knownKeys(JsonNode node, List<String> path, Set<String> known)
      throws PolicyException {
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!known.contains(key)) {
        throw error(
            child(path, key),
            "unknown key '"
                + key
                + "'"
                + (path.isEmpty() ? "" : " in [" + String.join(".", path) + "]")
                + " (expected one of: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  private interface Parse<T> {
    T apply(String text);
  }

  private <T> T parseWith(Parse<T> parse, String text, List<String> at) throws PolicyException {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private static List<String> child(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    out.add(key);
    return List.copyOf(out);
  }

  private String origin(List<String> at) {
    int line = lines.lineOf(at);
    return line > 0 ? source + ", line " + line : source;
  }

  private PolicyException error(List<String> at, String message) {
    return new PolicyException(where(source, lines.lineOf(at)) + message);
  }

  private static String where(String source, int line) {
    return line > 0 ? source + ", line " + line + ": " : source + ": ";
  }
}
