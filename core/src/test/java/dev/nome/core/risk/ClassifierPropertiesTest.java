package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.nome.core.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

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

  private static final String SHELLISH = "abcrm -$'\"\\`(){}[]<>|&;=~*?#!\n\t@%:,./0123456789";

  private static Gen<String> shellish() {
    return SourceDSL.lists()
        .of(Generate.pick(SHELLISH.chars().mapToObj(c -> (char) c).toList()))
        .ofSizeBetween(0, 80)
        .map(
            chars -> {
              StringBuilder b = new StringBuilder();
              chars.forEach(b::append);
              return b.toString();
            });
  }

  private static Gen<ClassifierCorpusTest.Entry> entries() {
    return Generate.pick(CORPUS);
  }

  @Test
  void anyInputGetsATierAndAReasonWithoutThrowing() {
    qt().withExamples(400)
        .forAll(shellish())
        .checkAssert(
            input -> {
              Classification c = CLASSIFIER.classify(input);
              assertThat(c.tier()).isNotNull();
              assertThat(c.reasons()).isNotEmpty();
            });
  }

  @Test
  void aDangerousCommandAddedOnANewLineIsAlwaysFound() {
    qt().withExamples(300)
        .forAll(entries())
        .checkAssert(ClassifierPropertiesTest::dangerOnANewLineIsFound);
  }

  private static void dangerOnANewLineIsFound(ClassifierCorpusTest.Entry e) {
    if (e.command().contains("<<") || e.command().endsWith("\\")) {
      return; // the added line would become heredoc text or a continued word
    }
    assertThat(CLASSIFIER.classify(e.command() + "\nrm -rf ~").tier()).isEqualTo(Tier.DANGER);
    assertThat(CLASSIFIER.classify(e.command() + "\ncat ~/.aws/credentials").tier())
        .isEqualTo(Tier.DANGER);
  }

  @Test
  void quotingTheCommandNameNeverChangesTheTier() {
    qt().withExamples(300)
        .forAll(entries())
        .checkAssert(ClassifierPropertiesTest::quotedNameKeepsItsTier);
  }

  private static void quotedNameKeepsItsTier(ClassifierCorpusTest.Entry e) {
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
