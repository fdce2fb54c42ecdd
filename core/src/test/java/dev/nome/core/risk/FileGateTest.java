package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileGate;
import dev.nome.core.policy.FileVerdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classifier asks the file gateway about every path a command reads or writes (P9). */
class FileGateTest {

  /** Denies anything under secrets/ and every write under docs/; records what it was asked. */
  static final class RecordingGate implements FileGate {
    final List<String> asked = new ArrayList<>();

    @Override
    public FileVerdict check(String path, Access wanted) {
      asked.add(wanted + " " + path);
      if (path.startsWith("secrets/")) {
        return new FileVerdict(
            path, "/ws/" + path, Access.NONE, false, List.of("secrets/** is denied"));
      }
      if (path.startsWith("docs/") && wanted == Access.WRITE) {
        return new FileVerdict(
            path, "/ws/" + path, Access.READ, false, List.of("docs/** is read-only"));
      }
      return new FileVerdict(path, "/ws/" + path, Access.WRITE, true, List.of("workspace"));
    }
  }

  private final RecordingGate gate = new RecordingGate();
  private final Classifier classifier = Classifier.standard().withGate(gate);

  @Test
  void everyPathReadOrWrittenIsAsked() {
    Classification c = classifier.classify("grep -n foo src/a.py src/b.py > out.txt < in.txt");
    assertThat(c.tier()).isEqualTo(Tier.WRITE);
    assertThat(gate.asked)
        .contains("READ src/a.py", "READ src/b.py", "WRITE out.txt", "READ in.txt")
        .doesNotContain("READ foo");
  }

  @Test
  void aDeniedPathMakesTheCommandDangerWithTheGatewaysRules() {
    Classification c = classifier.classify("cat secrets/db.yml");
    assertThat(c.tier()).isEqualTo(Tier.DANGER);
    assertThat(c.reasonTexts())
        .anyMatch(
            r ->
                r.contains("file gateway denies read secrets/db.yml")
                    && r.contains("secrets/** is denied"));
  }

  @Test
  void aWriteToAReadOnlyPathIsDangerWhileReadingItIsFine() {
    assertThat(classifier.classify("cat docs/a.md").tier()).isEqualTo(Tier.READ);
    Classification c = classifier.classify("sed -i s/a/b/ docs/a.md");
    assertThat(c.tier()).isEqualTo(Tier.DANGER);
    assertThat(c.reasonTexts()).anyMatch(r -> r.contains("docs/** is read-only"));
  }

  @Test
  void pathsInsideNestedCodeAndFlagValuesAreAskedToo() {
    classifier.classify("bash -c 'cp -r src backup' && sort -o sorted.txt data.txt");
    assertThat(gate.asked)
        .contains("READ src", "WRITE backup", "WRITE sorted.txt", "READ data.txt");
  }

  @Test
  void aGatewayThatFailsIsADenial() {
    Classifier failing =
        Classifier.standard()
            .withGate(
                (path, wanted) -> {
                  throw new IllegalStateException("boom");
                });
    Classification c = failing.classify("cat README.md");
    assertThat(c.tier()).isEqualTo(Tier.DANGER);
    assertThat(c.reasonTexts().get(0)).contains("file gateway failed");
    assertThat(Classifier.standard().withGate((p, w) -> null).classify("cat a").tier())
        .isEqualTo(Tier.DANGER);
  }
}
