package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Printing a tree and parsing the text gives the same tree. */
class ShellPrinterTest {

  @Test
  void everyCorpusEntryThatParsesRoundTrips() {
    List<String> problems = new ArrayList<>();
    int parsed = 0;
    for (String src : ShellCorpus.entries()) {
      Script tree;
      try {
        tree = ShellParser.parse(src);
      } catch (ShellSyntaxError e) {
        continue;
      }
      parsed++;
      String problem = ShellTrees.roundTripProblem(tree);
      if (problem != null) {
        problems.add(src + "\n" + problem);
      }
    }
    assertThat(parsed).isGreaterThan(2000);
    assertThat(problems).isEmpty();
  }

  @Test
  void escapesWhatWouldChangeMeaning() {
    assertThat(printed("\\if x")).isEqualTo("\\if x\n");
    assertThat(printed("\\a=b")).isEqualTo("\\a=b\n");
    assertThat(printed("echo \\=x")).isEqualTo("echo \\=x\n");
    assertThat(printed("[[ \\== ]]")).isEqualTo("[[ \\=\\= ]]\n");
    assertThat(printed("echo \\*.txt '*'")).isEqualTo("echo \\*.txt '*'\n");
    assertThat(printed("echo $a\\b")).isEqualTo("echo $a\\b\n");
    assertThat(printed("echo $( (ls) )")).isEqualTo("echo $( ( ls; ); )\n");
  }

  @Test
  void aLoneBracketKeepsTheEscapeThatMadeIt() {
    // '[' reads as a pattern only when a quote or escape comes before any ']'.
    for (String src : List.of("echo a[*aa\\a", "echo [?\\x]", "echo [*?b\\c", "echo [\\a")) {
      Script tree = ShellTrees.parse(src);
      assertThat(ShellTrees.roundTripProblem(tree)).as(src).isNull();
    }
  }

  @Test
  void aLineContinuationInsideABracketQuotesNothing() throws ShellSyntaxError {
    // Found by ShellFuzzTest: "aa[\<newline>" read the continuation as quoting, so the bracket
    // was kept as a pattern that the printed form ("aa[") no longer was.
    for (String src : List.of("aa[\\\n", "aa[\\\nb", "[\\\n", "rm a[\\\nb]")) {
      Script tree = ShellParser.parse(src);
      assertThat(ShellTrees.roundTripProblem(tree)).as(src).isNull();
    }
    assertThat(ShellParser.parse("rm a[\\\nb]").toString()).contains("Glob");
  }

  @Test
  void heredocsFollowTheirStatement() {
    String out = printed("cat <<EOF | grep x\nx $y\nEOF\necho done");
    assertThat(out).isEqualTo("cat <<EOF | grep x\nx $y\nEOF\necho done\n");
  }

  @Test
  void printsASingleWord() {
    Word w =
        ((SimpleCommand) ShellTrees.parse("echo 'a b'").statements().get(0).command())
            .words()
            .get(1);
    assertThat(ShellPrinter.print(w)).isEqualTo("'a b'");
  }

  private static String printed(String source) {
    return ShellPrinter.print(ShellTrees.parse(source));
  }
}
