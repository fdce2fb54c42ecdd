package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Words come out the way bash passes them on. */
class ShellWordsTest {

  private static Word firstWord(String source) {
    SimpleCommand c = (SimpleCommand) ShellTrees.parse(source).statements().get(0).command();
    return c.words().get(0);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      value = {
        "\\--pre|--pre",
        "r''m|rm",
        "\"r\"m|rm",
        "$'\\x72m'|rm",
        "$'\\162m'|rm",
        "$'\\u0072m'|rm",
        "r\\m|rm",
        "'it'\\''s'|it's",
        "\"a \\\"b\\\" c\"|a \"b\" c",
        "\"\\$HOME\"|$HOME",
        "'$HOME'|$HOME",
        "\\$HOME|$HOME",
        "\"a\\b\"|a\\b",
        "a\\\\b|a\\b",
        "$\"hello\"|hello",
        "$'a\\tb'|a\tb",
        "$'a\\0b'|a",
        "\"\"|''",
        "~/x|~/x",
        "~root/x|~root/x",
        "\\~|~",
        "a#b|a#b",
        "\\*|*",
        "'*'|*",
        "{}|{}",
        "{a}|{a}",
        "\"{a,b}\"|{a,b}",
        "--format=%h|--format=%h",
        "a=b|a=b",
      })
  void staticWordsHaveTheirBashValue(String source, String expected) {
    String value = expected.equals("''") ? "" : expected;
    Word w = secondWord("echo " + source);
    assertThat(w.literal()).contains(value);
    assertThat(w.isDynamic()).isFalse();
  }

  private static Word secondWord(String source) {
    SimpleCommand c = (SimpleCommand) ShellTrees.parse(source).statements().get(0).command();
    return c.words().get(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "$x",
        "${x}",
        "\"$x\"",
        "a$(id)",
        "`id`",
        "\"`id`\"",
        "$((1+2))",
        "<(ls)",
        ">(cat)",
        "${x:-y}",
        "$'a'$b",
        "{a,$x}",
        "$1",
        "$@",
        "\"${arr[@]}\"",
      })
  void expandingWordsAreDynamic(String source) {
    Word w = secondWord("echo " + source);
    assertThat(w.isDynamic()).isTrue();
    assertThat(w.literal()).isEmpty();
    assertThat(w.braceExpanded()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"*.txt", "file?", "[ab]c", "@(a|b)", "!(x)", "a*b", "{a,*}"})
  void globsAreMarkedAndNotLiteral(String source) {
    Word w = secondWord("echo " + source);
    assertThat(w.hasGlob()).isTrue();
    assertThat(w.literal()).isEmpty();
    assertThat(w.isDynamic()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\\*.txt", "'*'", "\"[ab]\"", "a\\?"})
  void quotedPatternCharactersAreLiteral(String source) {
    Word w = secondWord("echo " + source);
    assertThat(w.hasGlob()).isFalse();
    assertThat(w.literal()).isPresent();
  }

  @ParameterizedTest(name = "{0} expands to {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      value = {
        "{rm,-rf,~}|rm -rf ~",
        "a{b,c}d|abd acd",
        "{a,b}{1,2}|a1 a2 b1 b2",
        "{1..3}|1 2 3",
        "{3..1}|3 2 1",
        "{a..c}|a b c",
        "{1..10..4}|1 5 9",
        "{01..03}|01 02 03",
        "{a,{b,c}}|a b c",
        "x{,.bak}|x x.bak",
        "{,a,b}|a b",
        "plain|plain",
        "{a}|{a}",
        "'{a,b}'|{a,b}",
        "{'a b',c}|a b c",
      })
  void braceExpansionGivesBashFields(String source, String fields) {
    Word w = secondWord("echo " + source);
    List<String> expected =
        source.equals("{'a b',c}") ? List.of("a b", "c") : List.of(fields.split(" "));
    assertThat(w.braceExpanded()).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{1..100000}",
        "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"
      })
  void hugeBraceExpansionsAreNotStatic(String source) {
    Word w = secondWord("echo " + source);
    assertThat(w.braceExpanded()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"~|", "~/x|", "~root/x|root", "~+|+"})
  void tildePrefixes(String source, String user) {
    Word w = secondWord("echo " + source);
    assertThat(w.startsWithTilde()).isTrue();
    assertThat(((Tilde) w.parts().get(0)).user()).isEqualTo(user == null ? "" : user);
    assertThat(w.isDynamic()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void tildeAfterAssignmentLikeEqualsInArguments() {
    Word w = secondWord("echo a=~/x");
    assertThat(w.parts().get(1)).isInstanceOf(Tilde.class);
    assertThat(w.literal()).contains("a=~/x");
    assertThat(secondWord("echo --opt=~/x").parts()).noneMatch(p -> p instanceof Tilde);
    assertThat(secondWord("echo PATH=a:~/bin").parts().get(1)).isInstanceOf(Tilde.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\\~/x", "'~'/x", "\"~\"/x", "a~", "~\"x\""})
  void quotedOrInnerTildesAreNotPrefixes(String source) {
    assertThat(secondWord("echo " + source).startsWithTilde()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void lineContinuationJoinsAWordAcrossLines() {
    assertThat(firstWord("ec\\\nho hi").literal()).contains("echo");
    assertThat(secondWord("echo a\\\nb").literal()).contains("ab");
    assertThat(secondWord("echo \"a\\\nb\"").literal()).contains("ab");
    assertThat(secondWord("echo 'a\\\nb'").literal()).contains("a\\\nb");
  }

  @org.junit.jupiter.api.Test
  void parameterExpansionForms() {
    record Case(String source, ParameterOperator op, boolean length, boolean indirect) {}
    List<Case> cases =
        List.of(
            new Case("${x:-y}", ParameterOperator.DEFAULT, false, false),
            new Case("${x-y}", ParameterOperator.DEFAULT_UNSET, false, false),
            new Case("${x:=y}", ParameterOperator.ASSIGN, false, false),
            new Case("${x:?y}", ParameterOperator.ERROR, false, false),
            new Case("${x:+y}", ParameterOperator.ALTERNATE, false, false),
            new Case("${#x}", ParameterOperator.NONE, true, false),
            new Case("${!x}", ParameterOperator.NONE, false, true),
            new Case("${!x*}", ParameterOperator.NAMES_STAR, false, true),
            new Case("${x:1:2}", ParameterOperator.SUBSTRING, false, false),
            new Case("${x#a}", ParameterOperator.REMOVE_SHORTEST_PREFIX, false, false),
            new Case("${x##a}", ParameterOperator.REMOVE_LONGEST_PREFIX, false, false),
            new Case("${x%a}", ParameterOperator.REMOVE_SHORTEST_SUFFIX, false, false),
            new Case("${x%%a}", ParameterOperator.REMOVE_LONGEST_SUFFIX, false, false),
            new Case("${x/a/b}", ParameterOperator.REPLACE_FIRST, false, false),
            new Case("${x//a/b}", ParameterOperator.REPLACE_ALL, false, false),
            new Case("${x/#a/b}", ParameterOperator.REPLACE_PREFIX, false, false),
            new Case("${x/%a/b}", ParameterOperator.REPLACE_SUFFIX, false, false),
            new Case("${x^}", ParameterOperator.UPPER_FIRST, false, false),
            new Case("${x^^}", ParameterOperator.UPPER_ALL, false, false),
            new Case("${x,}", ParameterOperator.LOWER_FIRST, false, false),
            new Case("${x,,}", ParameterOperator.LOWER_ALL, false, false),
            new Case("${x@P}", ParameterOperator.TRANSFORM, false, false));
    for (Case c : cases) {
      ParameterExpansion p = (ParameterExpansion) secondWord("echo " + c.source()).parts().get(0);
      assertThat(p.operator()).as(c.source()).isEqualTo(c.op());
      assertThat(p.length()).as(c.source()).isEqualTo(c.length());
      assertThat(p.indirect()).as(c.source()).isEqualTo(c.indirect());
      assertThat(p.name()).as(c.source()).isEqualTo("x");
    }
    ParameterExpansion prompt = (ParameterExpansion) secondWord("echo ${x@P}").parts().get(0);
    assertThat(prompt.isPromptTransformation()).isTrue();
    ParameterExpansion sub = (ParameterExpansion) secondWord("echo ${a[i+1]}").parts().get(0);
    assertThat(sub.index().literal()).contains("i+1");
    ParameterExpansion rep = (ParameterExpansion) secondWord("echo ${x/a/$(id)}").parts().get(0);
    assertThat(rep.operand().literal()).contains("a");
    assertThat(rep.operand2().isDynamic()).isTrue();
    assertThat(Optional.ofNullable(rep.index())).isEmpty();
  }
}
