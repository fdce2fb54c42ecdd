package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares our parser with mvdan/sh (shfmt) on the conformance corpus: for every entry, whether it
 * parses, and for each command its words after quote removal, assignments and redirections. The
 * expected facts were produced by shfmt (bench/peers/shell-conformance/regenerate.sh), so this test
 * needs no shfmt. Every disagreement must be listed, with its reason, in known-differences.jsonl.
 */
class ShellConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void agreesWithMvdanShOnTheCorpusExceptForTheListedDifferences() throws IOException {
    List<JsonNode> expected = readJsonLines("/shell/conformance/expected-shfmt.jsonl");
    Map<String, String> known = new HashMap<>();
    for (JsonNode n : readJsonLines("/shell/conformance/known-differences.jsonl")) {
      known.put(n.get("src").asText(), n.get("why").asText());
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(2000);
    assertThat(expected.stream().map(n -> n.get("src").asText()).toList())
        .as("fixture is stale: run bench/peers/shell-conformance/regenerate.sh")
        .isEqualTo(ShellCorpus.entries());

    int agree = 0;
    List<String> unexplained = new ArrayList<>();
    List<String> explainedButAgreeing = new ArrayList<>();
    for (JsonNode n : expected) {
      String src = n.get("src").asText();
      String difference = difference(n, src);
      if (difference == null) {
        agree++;
        if (known.containsKey(src)) {
          explainedButAgreeing.add(src);
        }
      } else if (!known.containsKey(src)) {
        unexplained.add(src.replace("\n", "\\n") + "\n    " + difference);
      }
    }
    System.out.printf(
        "shell conformance with mvdan/sh: %d of %d agree (%.2f%%), %d listed differences%n",
        agree, expected.size(), 100.0 * agree / expected.size(), known.size());
    assertThat(unexplained).as("differences from mvdan/sh not in known-differences").isEmpty();
    assertThat(explainedButAgreeing).as("listed differences that now agree").isEmpty();
  }

  private static String difference(JsonNode n, String src) {
    List<List<String>> ours;
    try {
      ours = MvdanFacts.of(ShellParser.parse(src));
    } catch (ShellSyntaxError e) {
      return n.get("ok").asBoolean() ? "shfmt parses it, we say: " + e.getMessage() : null;
    }
    if (!n.get("ok").asBoolean()) {
      return "shfmt says " + n.get("error").asText() + ", we parse it as " + ours;
    }
    List<List<String>> theirs = new ArrayList<>();
    for (JsonNode c : n.get("commands")) {
      List<String> facts = new ArrayList<>();
      c.forEach(x -> facts.add(x.asText()));
      theirs.add(facts);
    }
    return theirs.equals(ours) ? null : "shfmt: " + theirs + "\n    nome:  " + ours;
  }

  private static List<JsonNode> readJsonLines(String resource) throws IOException {
    try (InputStream in = ShellConformanceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<JsonNode> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
      return out;
    }
  }

  /** Where the agent command mix lives (shared with the benchmarks). */
  static Path agentCommands() {
    Path p = Path.of("..", "bench", "src", "main", "resources", "agent-commands.txt");
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          "agent-commands.txt not found from " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
