package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Asks bash itself: for every corpus command whose words are static, the fields bash passes to a
 * command (after brace expansion and quote removal) are exactly what {@link Word#braceExpanded()}
 * and {@link Word#literal()} say. The words are handed to a function that prints each argument, so
 * nothing else runs.
 */
class ShellBashAgreementTest {
  private static final String END = "end-of-arguments-8c1f";

  @Test
  void staticWordsAreWhatBashPasses() throws Exception {
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isExecutable(bash), "bash not installed");
    List<String> sources = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (String src : ShellCorpus.entries()) {
      List<String> fields = staticFields(src);
      if (fields != null) {
        sources.add(src);
        expected.add(fields);
      }
    }
    assertThat(sources).hasSizeGreaterThan(750);

    StringBuilder script = new StringBuilder("args() { printf '%s\\0' \"$@\" " + END + "; }\n");
    for (String src : sources) {
      script.append("args ").append(src).append('\n');
    }
    List<List<String>> actual = runBash(bash, script.toString());
    assertThat(actual).hasSameSizeAs(expected);
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        differences.add(
            sources.get(i) + "\n  ours: " + expected.get(i) + "\n  bash: " + actual.get(i));
      }
    }
    System.out.printf(
        "bash agreement: %d static commands, %d differences%n", sources.size(), differences.size());
    assertThat(differences).isEmpty();
  }

  /** The fields of a lone simple command with only static, glob-free, tilde-free words. */
  private static List<String> staticFields(String src) {
    if (src.indexOf('\n') >= 0 || src.endsWith("\\")) {
      return null;
    }
    Script s;
    try {
      s = ShellParser.parse(src);
    } catch (ShellSyntaxError e) {
      return null;
    }
    if (s.statements().size() != 1
        || s.statements().get(0).background()
        || !(s.statements().get(0).command() instanceof SimpleCommand c)
        || !c.assignments().isEmpty()
        || !c.redirects().isEmpty()
        || c.words().isEmpty()) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    for (Word w : c.words()) {
      if (w.parts().stream().anyMatch(p -> p instanceof Tilde)
          || w.parts().stream().anyMatch(p -> p instanceof BraceExpansion b && hasTilde(b))) {
        return null;
      }
      var expanded = w.braceExpanded();
      if (expanded.isEmpty()) {
        return null;
      }
      if (!w.hasBraceExpansion()) {
        assertThat(w.literal()).contains(expanded.get().get(0));
      }
      fields.addAll(expanded.get());
    }
    return fields;
  }

  private static boolean hasTilde(BraceExpansion b) {
    return b.items().stream()
        .anyMatch(
            w ->
                w.literal().map(l -> l.startsWith("~")).orElse(false)
                    || w.parts().stream()
                        .anyMatch(p -> p instanceof BraceExpansion inner && hasTilde(inner)));
  }

  private static List<List<String>> runBash(Path bash, String script)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("nome-words", ".sh");
    try {
      Files.writeString(file, script);
      Process p =
          new ProcessBuilder(bash.toString(), "--norc", "--noprofile", file.toString())
              .redirectErrorStream(false)
              .start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      List<List<String>> result = new ArrayList<>();
      List<String> current = new ArrayList<>();
      for (String field : new String(out, StandardCharsets.UTF_8).split("\0", -1)) {
        if (field.equals(END)) {
          result.add(current);
          current = new ArrayList<>();
        } else {
          current.add(field);
        }
      }
      return result;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
