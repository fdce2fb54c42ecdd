package dev.nome.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.risk.Classification;
import dev.nome.core.risk.Classifier;
import dev.nome.core.risk.CommandKnowledge;
import dev.nome.core.risk.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nome classify}: the risk tier of a shell command with the reasons, for one command or a
 * stream of JSON lines. Always exits 0 when it could classify; the tier is in the output.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Give a shell command its risk tier (read, write or danger) with the reasons.",
      "With --jsonl, read {\"cmd\": \"...\"} lines on standard input and write one"
          + " {\"cmd\", \"tier\", \"reasons\"} line per input, in order."
    })
final class ClassifyCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "0..1", paramLabel = "CMD", description = "The command line to classify.")
  String command;

  @Option(names = "--jsonl", description = "Classify JSON lines from standard input.")
  boolean jsonl;

  @Option(
      names = "--workspace",
      description = "The workspace the command runs in (default: the current directory).")
  Path workspace;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (jsonl == (command != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give either a command to classify or --jsonl");
    }
    Path ws = workspace != null ? workspace : Path.of(System.getProperty("user.dir"));
    Classifier classifier =
        new Classifier(
            CommandKnowledge.standard(), ws.toAbsolutePath().normalize().toString(), null);
    PrintWriter out = spec.commandLine().getOut();
    if (!jsonl) {
      Classification c = classifier.classify(command);
      out.println(c.tier().label());
      for (Reason r : c.reasons()) {
        out.println("  " + r);
      }
      out.flush();
      return 0;
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      out.println(answer(classifier, line));
      out.flush();
    }
    return 0;
  }

  /** One output line for one input line; malformed input is danger with the reason. */
  static String answer(Classifier classifier, String line) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    String cmd;
    try {
      JsonNode node = JSON.readTree(line);
      JsonNode field = node == null ? null : node.get("cmd");
      if (field == null || !field.isTextual()) {
        result.put("cmd", null);
        result.put("tier", "danger");
        result.put("reasons", List.of("malformed input: expected {\"cmd\": \"...\"}"));
        return JSON.writeValueAsString(result);
      }
      cmd = field.asText();
    } catch (IOException e) {
      result.put("cmd", null);
      result.put("tier", "danger");
      result.put("reasons", List.of("malformed input: not a JSON object"));
      return JSON.writeValueAsString(result);
    }
    Classification c = classifier.classify(cmd);
    List<String> reasons = new ArrayList<>(c.reasons().size());
    for (Reason r : c.reasons()) {
      reasons.add(r.toString());
    }
    result.put("cmd", cmd);
    result.put("tier", c.tier().label());
    result.put("reasons", reasons);
    return JSON.writeValueAsString(result);
  }
}
