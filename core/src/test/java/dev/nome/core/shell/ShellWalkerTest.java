package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The walker finds every command wherever it hides. */
class ShellWalkerTest {

  private static List<String> names(String source) {
    return ShellWalker.invocations(ShellTrees.parse(source)).stream()
        .map(i -> i.commandName().map(w -> w.literal().orElse("<dynamic>")).orElse("<none>"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "echo $(hidden)",
        "echo \"a $(hidden) b\"",
        "echo `hidden`",
        "x=$(hidden)",
        "x=(a $(hidden))",
        "export X=$(hidden)",
        "local -a y=([0]=$(hidden))",
        "cat > $(hidden)",
        "cat <<EOF\n$(hidden)\nEOF",
        "cat <<< $(hidden)",
        "echo ${x:-$(hidden)}",
        "echo ${x/$(hidden)/y}",
        "echo ${a[$(hidden)]}",
        "echo $(( $(hidden) + 1 ))",
        "(( x = $(hidden) ))",
        "for ((i = $(hidden); ; )); do break; done",
        "[[ -f $(hidden) ]]",
        "[[ $(hidden) == x ]]",
        "case $(hidden) in a) ;; esac",
        "case x in $(hidden)) ;; esac",
        "for x in $(hidden); do :; done",
        "diff <(hidden) x",
        "tee >(hidden)",
        "( hidden )",
        "{ hidden; }",
        "f() { hidden; }",
        "if hidden; then :; fi",
        "while hidden; do :; done",
        "until :; do hidden; done",
        "! hidden",
        "time hidden",
        "coproc hidden",
        "a | hidden",
        "a && hidden || b",
        "echo {a,$(hidden)}",
        "echo \"$(echo \"$(hidden)\")\"",
        "echo `echo \\`hidden\\``",
        "{ :; } > $(hidden)",
        "a=$(hidden) b",
      })
  void findsCommandsEverywhere(String source) {
    assertThat(names(source)).as(source).contains("hidden");
  }

  @Test
  void contextNamesEnclosingNodesAndRedirects() {
    Script s = ShellTrees.parse("{ ( cmd ) 2>err; } >out");
    List<ShellWalker.Context> seen = new ArrayList<>();
    ShellWalker.walk(
        s,
        new ShellWalker.Visitor() {
          @Override
          public void invocation(Invocation command, ShellWalker.Context context) {
            seen.add(context);
          }
        });
    assertThat(seen).hasSize(1);
    ShellWalker.Context c = seen.get(0);
    assertThat(c.within(Subshell.class)).isTrue();
    assertThat(c.within(BraceGroup.class)).isTrue();
    assertThat(c.inSubstitution()).isFalse();
    assertThat(c.enclosingRedirects())
        .extracting(r -> r.target().literal().orElseThrow())
        .containsExactly("out", "err");
    assertThat(c.parent()).isInstanceOf(Statement.class);
  }

  @Test
  void substitutionsAndFunctionsAreVisibleInTheContext() {
    List<Boolean> inSub = new ArrayList<>();
    List<Boolean> inFunction = new ArrayList<>();
    ShellWalker.walk(
        ShellTrees.parse("echo $(id); f() { ls; }"),
        new ShellWalker.Visitor() {
          @Override
          public void invocation(Invocation command, ShellWalker.Context context) {
            inSub.add(context.inSubstitution());
            inFunction.add(context.inFunction());
          }
        });
    assertThat(inSub).containsExactly(false, true, false);
    assertThat(inFunction).containsExactly(false, false, true);
  }

  @Test
  void reportsEveryArithmeticContext() {
    List<ShellWalker.ArithmeticKind> kinds = new ArrayList<>();
    ShellWalker.walk(
        ShellTrees.parse(
            "(( a )); echo $(( b )) ${x:1:2} ${y[c]}; for ((i;j;k)); do :; done;"
                + " let 'd = 1'; [[ e -lt f ]]; z[g]=1"),
        new ShellWalker.Visitor() {
          @Override
          public void arithmetic(
              Word expression, ShellWalker.ArithmeticKind kind, ShellWalker.Context context) {
            kinds.add(kind);
          }
        });
    assertThat(kinds)
        .contains(
            ShellWalker.ArithmeticKind.COMMAND,
            ShellWalker.ArithmeticKind.EXPANSION,
            ShellWalker.ArithmeticKind.SUBSTRING,
            ShellWalker.ArithmeticKind.SUBSCRIPT,
            ShellWalker.ArithmeticKind.FOR_CLAUSE,
            ShellWalker.ArithmeticKind.LET_ARGUMENT,
            ShellWalker.ArithmeticKind.TEST_OPERAND);
  }

  @Test
  void reportsTestsParametersRedirectsAndFunctions() {
    List<String> seen = new ArrayList<>();
    ShellWalker.walk(
        ShellTrees.parse("[[ -f x ]]; echo \"${x@P}\" > f; g() { :; }"),
        new ShellWalker.Visitor() {
          @Override
          public void test(TestCommand test, ShellWalker.Context context) {
            seen.add("test");
          }

          @Override
          public void parameter(ParameterExpansion expansion, ShellWalker.Context context) {
            seen.add(expansion.isPromptTransformation() ? "prompt" : "param");
          }

          @Override
          public void redirect(Redirect redirect, ShellWalker.Context context) {
            seen.add("redirect");
          }

          @Override
          public void function(FunctionDefinition definition, ShellWalker.Context context) {
            seen.add("function " + definition.name());
          }
        });
    assertThat(seen).containsExactly("test", "prompt", "redirect", "function g");
  }
}
