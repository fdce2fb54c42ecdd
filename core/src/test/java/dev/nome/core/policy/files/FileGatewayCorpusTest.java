package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the corpus (file-gateway-corpus.tsv) against a tree built in a temporary home. */
class FileGatewayCorpusTest {

  @TempDir Path temp;

  @Test
  void everyCaseGetsItsExpectedVerdict() throws IOException {
    GatewayTree tree = new GatewayTree(temp);
    FileGateway defaults = tree.gateway(List.of());
    FileGateway withRules = tree.gateway(tree.rules());
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (GatewayTree.Case c : GatewayTree.corpus()) {
      for (String spelling : tree.spellings(c.target())) {
        for (Access wanted : List.of(Access.READ, Access.WRITE)) {
          cases += 2;
          check(defaults, "default", spelling, wanted, c.byDefault(), c, failures);
          check(withRules, "with rules", spelling, wanted, c.withRules(), c, failures);
        }
      }
    }
    System.out.println("file gateway corpus: " + cases + " checks, " + failures.size() + " failed");
    assertThat(failures).isEmpty();
    assertThat(cases).isGreaterThanOrEqualTo(300);
  }

  private static void check(
      FileGateway gate,
      String rules,
      String spelling,
      Access wanted,
      Access expected,
      GatewayTree.Case c,
      List<String> failures) {
    FileVerdict v = gate.check(spelling, wanted);
    boolean allowed = expected.covers(wanted);
    if (v.access() != expected || v.allowed() != allowed) {
      failures.add(
          rules
              + " "
              + wanted
              + " "
              + spelling
              + " ("
              + c.note()
              + "): expected "
              + expected
              + " got "
              + v.access()
              + " resolved="
              + v.resolved()
              + " "
              + v.rules());
    }
  }
}
