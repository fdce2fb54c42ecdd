package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties over random input and over the corpus, with bounded tries. */
class ClassifierPropertiesTest {
  private static final Classifier CLASSIFIER = Classifier.standard();
  private static final List<ClassifierCorpusTest.Entry> CORPUS = load();
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "if",
          "then",
          "elif",
          "else",
          "fi",
          "for",
          "while",
          "until",
          "do",
          "done",
          "case",
          "esac",
          "select",
          "function",
          "time",
          "coproc",
          "in",
          "declare",
          "typeset",
          "local",
          "export",
          "readonly");

  private static List<ClassifierCorpusTest.Entry> load() {
    try {
      return ClassifierCorpusTest.corpus();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<String> shellish() {
    return Arbitraries.strings()
        .withChars("abcrm -$'\"\\`(){}[]<>|&;=~*?#!\n\t@%:,./0123456789")
        .ofMaxLength(80);
  }

  @Provide
  Arbitrary<ClassifierCorpusTest.Entry> entries() {
    return Arbitraries.of(CORPUS);
  }

  @Property(tries = 400)
  void anyInputGetsATierAndAReasonWithoutThrowing(@ForAll("shellish") String input) {
    Classification c = CLASSIFIER.classify(input);
    assertThat(c.tier()).isNotNull();
    assertThat(c.reasons()).isNotEmpty();
  }

  @Property(tries = 300)
  void aDangerousCommandAddedOnANewLineIsAlwaysFound(
      @ForAll("entries") ClassifierCorpusTest.Entry e) {
    if (e.command().contains("<<") || e.command().endsWith("\\")) {
      return; // the added line would become heredoc text or a continued word
    }
    assertThat(CLASSIFIER.classify(e.command() + "\nrm -rf ~").tier()).isEqualTo(Tier.DANGER);
    assertThat(CLASSIFIER.classify(e.command() + "\ncat ~/.aws/credentials").tier())
        .isEqualTo(Tier.DANGER);
  }

  @Property(tries = 300)
  void quotingTheCommandNameNeverChangesTheTier(@ForAll("entries") ClassifierCorpusTest.Entry e) {
    String cmd = e.command();
    int end = 0;
    while (end < cmd.length() && Character.isLetterOrDigit(cmd.charAt(end))) {
      end++;
    }
    if (end < 2 || (end < cmd.length() && cmd.charAt(end) != ' ')) {
      return; // only plain names followed by a space
    }
    String name = cmd.substring(0, end);
    if (RESERVED.contains(name)) {
      return; // quoting a reserved word makes it an ordinary command name
    }
    Tier original = CLASSIFIER.classify(cmd).tier();
    String rest = cmd.substring(end);
    for (String variant :
        List.of(
            name.charAt(0) + "''" + name.substring(1),
            "\"" + name + "\"",
            "\\" + name,
            name.charAt(0) + "\\\n" + name.substring(1))) {
      assertThat(CLASSIFIER.classify(variant + rest).tier()).as(variant + rest).isEqualTo(original);
    }
  }
}
