package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Runs every command of {@code classifier-corpus.tsv}: none may be tiered below its minimum (P7),
 * and the number tiered above it (needless approvals) is reported.
 */
class ClassifierCorpusTest {

  record Entry(int line, Tier minimum, String command, String why) {}

  static List<Entry> corpus() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    ClassifierCorpusTest.class.getResourceAsStream("classifier-corpus.tsv")),
                StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        assertThat(f).as("line %d has tier, command and why", n).hasSize(3);
        assertThat(f[2]).as("line %d says why", n).isNotBlank();
        out.add(new Entry(n, Tier.parse(f[0]), f[1].replace('\u23CE', '\n'), f[2]));
      }
    }
    return out;
  }

  @Test
  void noCommandIsTieredBelowItsMinimumAndOverCautionIsReported() throws IOException {
    Classifier classifier = Classifier.standard();
    List<Entry> corpus = corpus();
    List<String> under = new ArrayList<>();
    List<String> over = new ArrayList<>();
    int[] byMinimum = new int[3];
    for (Entry e : corpus) {
      byMinimum[e.minimum().ordinal()]++;
      Classification c = classifier.classify(e.command());
      String shown =
          "line "
              + e.line()
              + ": "
              + e.command().replace("\n", "\\n")
              + " -> "
              + c.tier().label()
              + " (minimum "
              + e.minimum().label()
              + ", "
              + e.why()
              + ") "
              + c.reasonTexts();
      if (c.tier().compareTo(e.minimum()) < 0) {
        under.add(shown);
      } else if (c.tier().compareTo(e.minimum()) > 0) {
        over.add(shown);
      }
    }
    System.out.printf(
        "classifier corpus: %d commands (minimum read %d, write %d, danger %d); below minimum: %d;"
            + " above minimum: %d (%.1f%%)%n",
        corpus.size(),
        byMinimum[0],
        byMinimum[1],
        byMinimum[2],
        under.size(),
        over.size(),
        100.0 * over.size() / corpus.size());
    over.forEach(s -> System.out.println("  over: " + s));
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(1000);
    assertThat(under).as("commands tiered below their minimum").isEmpty();
  }
}
