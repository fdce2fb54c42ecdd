package dev.nome.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.nome.core.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One full decision for a tool call: the file gateway for every path the built-in file tools name
 * (tool-paths.toml), then the tool policy matrix. Built from a policy that loaded, or from the
 * error that stopped it loading, in which case every call is denied with that error. Never throws;
 * thread-safe.
 */
public final class PolicyDecider {

  /** The rule named when the policy could not be loaded. */
  public static final String LOAD_RULE = "policy load";

  private static final Map<String, Map<String, Access>> TOOL_PATHS = loadToolPaths();

  private final Policy policy;
  private final String loadError;
  private final FileGate files;

  private PolicyDecider(Policy policy, String loadError, FileGate files) {
    this.policy = policy;
    this.loadError = loadError;
    this.files = files;
  }

  public static PolicyDecider of(Policy policy, FileGate files) {
    return new PolicyDecider(policy, null, files);
  }

  /** A decider that denies every call with {@code error} as the reason. */
  public static PolicyDecider refusing(String error) {
    return new PolicyDecider(null, error, (p, w) -> null);
  }

  /** The policy in force, or null when it failed to load. */
  public Policy policy() {
    return policy;
  }

  public Decision decide(RunState state, ToolCall call, Tier tier) {
    if (policy == null) {
      return new Decision.Deny("policy could not be loaded: " + loadError, LOAD_RULE);
    }
    try {
      if (call == null) {
        return new Decision.Deny("policy error: no tool call", PolicyEvaluator.ERROR_RULE);
      }
      Map<String, Access> fields = TOOL_PATHS.get(call.tool());
      if (fields != null) {
        if (!call.input().isObject()) {
          return new Decision.Deny(call.tool() + ": input must be a JSON object", "file gateway");
        }
        for (var e : fields.entrySet()) {
          JsonNode value = call.input().get(e.getKey());
          if (value != null && !value.isTextual()) {
            return new Decision.Deny(
                call.tool() + ": input field '" + e.getKey() + "' must be a path string",
                "file gateway");
          }
          String path = value == null ? "." : value.asText();
          FileVerdict v = files.check(path, e.getValue());
          if (v == null || !v.allowed()) {
            String why = v == null || v.rules().isEmpty() ? "no verdict" : v.rules().get(0);
            return new Decision.Deny(
                (e.getValue() == Access.WRITE ? "writing " : "reading ")
                    + path
                    + " is not allowed: "
                    + why,
                "file gateway: " + why);
          }
        }
      }
      return PolicyEvaluator.evaluate(policy, state, call, tier);
    } catch (RuntimeException e) {
      return new Decision.Deny("policy error: " + e, PolicyEvaluator.ERROR_RULE);
    }
  }

  /** The input fields of {@code tool} that name paths, with the access each needs. */
  public static Map<String, Access> pathFields(String tool) {
    return TOOL_PATHS.getOrDefault(tool, Map.of());
  }

  private static Map<String, Map<String, Access>> loadToolPaths() {
    try (InputStream in = PolicyDecider.class.getResourceAsStream("tool-paths.toml")) {
      if (in == null) {
        throw new IllegalStateException("missing resource tool-paths.toml");
      }
      JsonNode root = new TomlMapper().readTree(in);
      Map<String, Map<String, Access>> out = new LinkedHashMap<>();
      for (var tool : root.properties()) {
        Map<String, Access> fields = new LinkedHashMap<>();
        for (var f : tool.getValue().properties()) {
          fields.put(
              f.getKey(),
              switch (f.getValue().asText()) {
                case "read" -> Access.READ;
                case "write" -> Access.WRITE;
                default -> throw new IllegalStateException("tool-paths.toml: bad access " + f);
              });
        }
        out.put(tool.getKey(), Map.copyOf(fields));
      }
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read tool-paths.toml", e);
    }
  }
}
