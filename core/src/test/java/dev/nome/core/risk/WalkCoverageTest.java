package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.shell.Invocation;
import dev.nome.core.shell.Script;
import dev.nome.core.shell.ShellParser;
import dev.nome.core.shell.ShellSyntaxError;
import dev.nome.core.shell.ShellWalker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The classifier judges every invocation the parser's walker can find, wherever it sits, on the
 * parser's conformance corpus and on the classifier corpus.
 */
class WalkCoverageTest {

  @Test
  void everyInvocationTheWalkerFindsIsJudged() throws IOException {
    int scripts = 0;
    int invocations = 0;
    for (String source : sources()) {
      Script script;
      try {
        script = ShellParser.parse(source);
      } catch (ShellSyntaxError e) {
        continue;
      }
      Set<Invocation> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      Walk walk =
          new Walk(
              CommandKnowledge.standard(),
              null,
              null,
              new Findings(),
              Prepass.collect(script),
              0,
              new HashSet<>());
      walk.seen = seen;
      walk.script(script);
      List<Invocation> all = ShellWalker.invocations(script);
      for (Invocation i : all) {
        assertThat(seen).as("judged in: %s", source).anyMatch(s -> s == i);
      }
      scripts++;
      invocations += all.size();
    }
    assertThat(scripts).isGreaterThan(1000);
    assertThat(invocations).isGreaterThan(scripts);
  }

  private static List<String> sources() throws IOException {
    List<String> out = new java.util.ArrayList<>();
    for (String f : List.of("constructs.txt", "quoting.txt", "generated.txt")) {
      for (String line : read("/shell/corpus/" + f).split("\n")) {
        if (!line.isBlank()) {
          out.add(line);
        }
      }
    }
    for (String s : read("/shell/corpus/scripts.txt").split("\n%%%\n")) {
      out.add(s);
    }
    for (ClassifierCorpusTest.Entry e : ClassifierCorpusTest.corpus()) {
      out.add(e.command());
    }
    return out;
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = WalkCoverageTest.class.getResourceAsStream(resource)) {
      return new String(
          Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
