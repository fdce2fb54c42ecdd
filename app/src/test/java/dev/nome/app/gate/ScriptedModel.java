package dev.nome.app.gate;

import dev.nome.runner.model.ContentBlock;
import dev.nome.runner.model.ModelClient;
import dev.nome.runner.model.ModelException;
import dev.nome.runner.model.ModelReply;
import dev.nome.runner.model.ModelRequest;
import dev.nome.runner.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The model stand-in: plays scripted turns in order and keeps every request it was sent, so a test
 * can read exactly what the model saw (tool results included). The HTTP model client is tested on
 * its own; here the loop and the gate are under test.
 */
final class ScriptedModel implements ModelClient {

  /** One turn: may act (e.g. revoke the host) before answering. */
  @FunctionalInterface
  interface Turn {
    ModelReply answer(ModelRequest request) throws ModelException, InterruptedException;
  }

  final List<ModelRequest> received = new CopyOnWriteArrayList<>();
  private final List<Turn> turns;
  private int next;

  ScriptedModel(List<Turn> turns) {
    this.turns = new ArrayList<>(turns);
  }

  @Override
  public synchronized ModelReply send(ModelRequest request)
      throws ModelException, InterruptedException {
    received.add(request);
    if (next == turns.size()) {
      throw new AssertionError("the model was asked for more turns than scripted");
    }
    return turns.get(next++).answer(request);
  }

  static Turn tool(String id, String name, Map<String, Object> input) {
    return r ->
        new ModelReply(
            "tool_use",
            List.of(
                new ContentBlock.Text("calling " + name),
                new ContentBlock.ToolUse(id, name, input)),
            new Usage(100, 20));
  }

  static Turn done(String text) {
    return r ->
        new ModelReply("end_turn", List.of(new ContentBlock.Text(text)), new Usage(120, 10));
  }

  /** The tool results the model was given in its last request. */
  List<ContentBlock.ToolResult> results() {
    List<ContentBlock.ToolResult> out = new ArrayList<>();
    for (ModelRequest r : received) {
      var last = r.messages().getLast();
      for (ContentBlock b : last.content()) {
        if (b instanceof ContentBlock.ToolResult t) {
          out.add(t);
        }
      }
    }
    return out;
  }

  ContentBlock.ToolResult result(String id) {
    return results().stream()
        .filter(t -> t.toolUseId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + id));
  }
}
