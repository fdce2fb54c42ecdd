package dev.nome.core.risk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.Tier;
import dev.nome.core.policy.ToolCall;
import java.util.List;

/**
 * The tier of any tool call: shell commands from the classifier, the built-in file tools by what
 * they do, and everything else (MCP tools, unknown names, a shell call without a command) danger,
 * because nothing here understands them.
 */
public final class ToolCallTier {

  private ToolCallTier() {}

  /** The tier and the reasons for one call; {@code classifier} judges shell commands. */
  public static Classification of(ToolCall call, Classifier classifier) {
    return switch (call.tool()) {
      case "shell" -> {
        JsonNode command = call.input().get("command");
        if (command == null) {
          command = call.input().get("cmd");
        }
        yield command != null && command.isTextual()
            ? classifier.classify(command.asText())
            : new Classification(
                Tier.DANGER,
                List.of(new Reason(Tier.DANGER, "shell", "the call names no command")));
      }
      case "read_file", "list_dir", "search" ->
          new Classification(Tier.READ, List.of(new Reason(Tier.READ, call.tool(), "reads only")));
      case "write_file", "edit_file" ->
          new Classification(
              Tier.WRITE, List.of(new Reason(Tier.WRITE, call.tool(), "writes a file")));
      case "fetch_url" ->
          // A URL can carry data out as well as bring it in.
          new Classification(
              Tier.WRITE, List.of(new Reason(Tier.WRITE, call.tool(), "reaches the network")));
      default ->
          new Classification(
              Tier.DANGER,
              List.of(
                  new Reason(Tier.DANGER, call.tool(), "a tool NOME does not know how to judge")));
    };
  }
}
