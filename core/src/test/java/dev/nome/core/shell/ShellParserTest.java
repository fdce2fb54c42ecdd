package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each construct parses into the node it should, and what we do not understand is an error. */
class ShellParserTest {

  private static Command only(String source) {
    Script s = ShellTrees.parse(source);
    assertThat(s.statements()).as(source).hasSize(1);
    return s.statements().get(0).command();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '\t',
      value = {
        "ls -la\tSimpleCommand",
        "a | b |& c\tPipeline",
        "! a\tNegation",
        "a && b || c\tAndOr",
        "(a; b)\tSubshell",
        "{ a; b; }\tBraceGroup",
        "if a; then b; elif c; then d; else e; fi\tIfCommand",
        "while a; do b; done\tWhileCommand",
        "until a; do b; done\tWhileCommand",
        "for x in a b; do c; done\tForCommand",
        "for x; do c; done\tForCommand",
        "select x in a b; do c; done\tForCommand",
        "for ((i=0; i<3; i++)); do c; done\tArithForCommand",
        "case x in a) b;; c|d) e;& *) f;;& esac\tCaseCommand",
        "f() { a; }\tFunctionDefinition",
        "function f { a; }\tFunctionDefinition",
        "function f() ( a )\tFunctionDefinition",
        "[[ -f x && $a == b* ]]\tTestCommand",
        "(( x += 1 ))\tArithmeticCommand",
        "declare -a x=(1 2)\tDeclarationCommand",
        "export A=1 B\tDeclarationCommand",
        "local x=1\tDeclarationCommand",
        "readonly R=1\tDeclarationCommand",
        "typeset -i n=1\tDeclarationCommand",
        "let x=1+2\tSimpleCommand",
        "time -p ls\tTimeCommand",
        "time\tTimeCommand",
        "coproc cat\tCoprocCommand",
        "coproc w { cat; }\tCoprocCommand",
        "> file\tSimpleCommand",
        "a=1 b=2\tSimpleCommand",
      })
  void constructsParseToTheirNodes(String source, String type) {
    assertThat(only(source).getClass().getSimpleName()).isEqualTo(type);
  }

  @Test
  void listsKeepBackgroundAndOrder() {
    Script s = ShellTrees.parse("a & b; c\nd &");
    assertThat(s.statements()).hasSize(4);
    assertThat(s.statements().stream().map(Statement::background).toList())
        .containsExactly(true, false, false, true);
  }

  @Test
  void andOrGroupsToTheLeftAndPipelinesBindTighter() {
    AndOr top = (AndOr) only("a && b | c || d");
    assertThat(top.operator()).isEqualTo(AndOr.Operator.OR);
    AndOr left = (AndOr) top.left();
    assertThat(left.right()).isInstanceOf(Pipeline.class);
    Pipeline p = (Pipeline) only("a |& b | c");
    assertThat(p.stderrPiped()).containsExactly(true, false);
  }

  @Test
  void ifKeepsEveryBranchAndTheElse() {
    IfCommand i = (IfCommand) only("if a; then b; elif c; then d; else e; fi");
    assertThat(i.branches()).hasSize(2);
    assertThat(i.elseBody()).hasSize(1);
  }

  @Test
  void caseKeepsPatternsAndTerminators() {
    CaseCommand c = (CaseCommand) only("case $x in (a|b) x;; c) y;& d) z;;& e) w; esac");
    assertThat(c.items()).hasSize(4);
    assertThat(c.items().get(0).patterns()).hasSize(2);
    assertThat(c.items().stream().map(CaseItem::terminator).toList())
        .containsExactly(
            CaseItem.Terminator.BREAK,
            CaseItem.Terminator.FALL_THROUGH,
            CaseItem.Terminator.CONTINUE,
            CaseItem.Terminator.BREAK);
  }

  @Test
  void forWithoutInHasNoItems() {
    assertThat(((ForCommand) only("for x; do a; done")).items()).isNull();
    assertThat(((ForCommand) only("for x in; do a; done")).items()).isEmpty();
    assertThat(((ForCommand) only("select x in a b; do a; done")).select()).isTrue();
  }

  @Test
  void functionForms() {
    FunctionDefinition a = (FunctionDefinition) only("f() { a; }");
    FunctionDefinition b = (FunctionDefinition) only("function g { a; } > log");
    assertThat(a.name()).isEqualTo("f");
    assertThat(a.keyword()).isFalse();
    assertThat(b.keyword()).isTrue();
    assertThat(b.parentheses()).isFalse();
    assertThat(b.body().redirects()).hasSize(1);
  }

  @Test
  void declarationOperandsAreAssignmentsOrWords() {
    DeclarationCommand d = (DeclarationCommand) only("declare -a x=(1 [3]=b) y z=$(id)");
    assertThat(d.builtin()).isEqualTo("declare");
    assertThat(d.operands()).hasSize(4);
    assertThat(d.operands().get(0)).isInstanceOf(Word.class);
    Assignment x = (Assignment) d.operands().get(1);
    assertThat(x.isArray()).isTrue();
    assertThat(x.elements().get(1).index().literal()).contains("3");
    assertThat(d.operands().get(2)).isInstanceOf(Word.class);
    assertThat(((Assignment) d.operands().get(3)).value().isDynamic()).isTrue();
  }

  @Test
  void testExpressions() {
    TestCommand t = (TestCommand) only("[[ ! -f a && ( $x == y* || $z =~ ^(a|b)$ ) ]]");
    TestExpression.Logical and = (TestExpression.Logical) t.expression();
    assertThat(and.left()).isInstanceOf(TestExpression.Not.class);
    TestExpression.Group g = (TestExpression.Group) and.right();
    TestExpression.Logical or = (TestExpression.Logical) g.expression();
    TestExpression.Binary regex = (TestExpression.Binary) or.right();
    assertThat(regex.operator()).isEqualTo("=~");
    assertThat(regex.right().literal()).contains("^(a|b)$");
    TestExpression.Binary eq =
        (TestExpression.Binary) ((TestCommand) only("[[ a -eq b ]]")).expression();
    assertThat(eq.isArithmetic()).isTrue();
  }

  @Test
  void arithmeticKeepsItsTextAndExpansions() {
    ArithmeticCommand a = (ArithmeticCommand) only("(( x = $(id -u) + y[2] ))");
    assertThat(a.expression().text()).isEqualTo(" x = $(id -u) + y[2] ");
    assertThat(a.expression().word().isDynamic()).isTrue();
    assertThat(only("( (a) )")).isInstanceOf(Subshell.class);
    assertThat(only("((a) )")).isInstanceOf(Subshell.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '\t',
      value = {
        "cat < f\tIN\t-1\tf",
        "cat > f\tOUT\t-1\tf",
        "cat >> f\tAPPEND\t-1\tf",
        "cat >| f\tCLOBBER\t-1\tf",
        "cat <> f\tREAD_WRITE\t-1\tf",
        "cat &> f\tOUT_AND_ERR\t-1\tf",
        "cat &>> f\tAPPEND_OUT_AND_ERR\t-1\tf",
        "cat 2>&1\tDUP_OUT\t2\t1",
        "cat 0<&3\tDUP_IN\t0\t3",
        "cat 3>&-\tDUP_OUT\t3\t-",
        "cat 2> f\tOUT\t2\tf",
        "cat <<< 'text'\tHERE_STRING\t-1\ttext",
        "cat >&f\tDUP_OUT\t-1\tf",
      })
  void redirectionForms(String source, String op, int fd, String target) {
    Redirect r = ((SimpleCommand) only(source)).redirects().get(0);
    assertThat(r.operator().name()).isEqualTo(op);
    assertThat(r.fd()).isEqualTo(fd);
    assertThat(r.target().literal()).contains(target);
  }

  @Test
  void redirectionsMayComeAnywhereAndOnCompounds() {
    SimpleCommand c = (SimpleCommand) only("2>/dev/null a=1 ls >out -l <in");
    assertThat(c.assignments()).hasSize(1);
    assertThat(c.words().stream().map(w -> w.literal().orElseThrow()).toList())
        .containsExactly("ls", "-l");
    assertThat(c.redirects()).hasSize(3);
    assertThat(((BraceGroup) only("{ a; } >out 2>&1")).redirects()).hasSize(2);
    assertThat(((WhileCommand) only("while read l; do a; done < f")).redirects()).hasSize(1);
    SimpleCommand v = (SimpleCommand) only("exec {fd}>file");
    assertThat(v.redirects().get(0).fdVariable()).isEqualTo("fd");
  }

  @Test
  void heredocBodies() {
    Script s = ShellTrees.parse("cat <<EOF; cat <<'Q'\nhi $(whoami)\nEOF\nraw $x\nQ\necho after\n");
    assertThat(s.statements()).hasSize(3);
    Heredoc first = ((SimpleCommand) s.statements().get(0).command()).redirects().get(0).heredoc();
    Heredoc second = ((SimpleCommand) s.statements().get(1).command()).redirects().get(0).heredoc();
    assertThat(first.quoted()).isFalse();
    assertThat(first.body().isDynamic()).isTrue();
    assertThat(second.quoted()).isTrue();
    assertThat(second.body().literal()).contains("raw $x\n");
    Heredoc stripped =
        ((SimpleCommand) only("cat <<-E\n\t\tone\n\ttwo\n\tE\n")).redirects().get(0).heredoc();
    assertThat(stripped.body().literal()).contains("one\ntwo\n");
    Heredoc escaped = ((SimpleCommand) only("cat <<\\E\n$x\nE")).redirects().get(0).heredoc();
    assertThat(escaped.quoted()).isTrue();
    assertThat(escaped.body().literal()).contains("$x\n");
  }

  @Test
  void heredocInsideCommandSubstitution() {
    SimpleCommand c = (SimpleCommand) only("git commit -m \"$(cat <<'EOF'\nmessage $x\nEOF\n)\"");
    assertThat(c.words()).hasSize(4);
    assertThat(c.words().get(3).isDynamic()).isTrue();
    assertThat(ShellWalker.invocations(ShellTrees.parse("x=$(cat <<E\n$(id)\nE\n)")))
        .extracting(i -> i.commandName().flatMap(Word::literal).orElse("?"))
        .containsExactly("?", "cat", "id");
  }

  @Test
  void commentsAreSkipped() {
    Script s = ShellTrees.parse("# top\necho a # trailing\necho b#c\n");
    assertThat(s.statements()).hasSize(2);
    assertThat(((SimpleCommand) s.statements().get(1).command()).words().get(1).literal())
        .contains("b#c");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "echo =ls",
        "ls >! file",
        "ls *(.)",
        "ls **/*(om[1])",
        "echo $[1+2]",
        "echo 'open",
        "echo \"open",
        "echo $(open",
        "echo `open",
        "echo ${x",
        "echo ${x!}",
        "if a; then b",
        "if a; then; fi",
        "while a; do done",
        "case x in a) b",
        "for 1 in a; do b; done",
        "a |",
        "a &&",
        "| a",
        "a ;; b",
        "fi",
        "done",
        "{ a }",
        "( )",
        "f() a",
        "cat <<EOF",
        "cat <<EOF\nno end",
        "[[ a",
        "[[ ]]",
        "(( 1 + 2 )",
        "echo a)",
        "a=(1 2",
        "echo \u0000",
        "time | x",
      })
  void notUnderstoodIsATypedError(String source) {
    assertThatThrownBy(() -> ShellParser.parse(source))
        .isInstanceOf(ShellSyntaxError.class)
        .satisfies(
            e -> {
              ShellSyntaxError s = (ShellSyntaxError) e;
              assertThat(s.reason()).doesNotStartWith("internal");
              assertThat(s.offset()).isBetween(0, source.length());
              assertThat(s.line()).isPositive();
              assertThat(s.column()).isPositive();
            });
  }

  @Test
  void errorsCarryLineAndColumn() {
    assertThatThrownBy(() -> ShellParser.parse("echo ok\necho 'x\n"))
        .isInstanceOfSatisfying(
            ShellSyntaxError.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(6);
              assertThat(e.offset()).isEqualTo(13);
              assertThat(e.reason()).contains("single quote");
            });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"$(", "\"$(", "(", "{ ", "$((", "${x:-", "[[ ( ", "a && ", "! "})
  void tooDeepNestingIsAnErrorNotAStackOverflow(String opener) {
    String deep = opener.repeat(100_000);
    assertThatThrownBy(() -> ShellParser.parse(deep))
        .isInstanceOf(ShellSyntaxError.class)
        .satisfies(e -> assertThat(((ShellSyntaxError) e).reason()).doesNotStartWith("internal"));
  }

  @Test
  void nestingUpToTheLimitParses() {
    int n = ShellParser.MAX_DEPTH / 4;
    String nested = "echo " + "$(echo ".repeat(n) + "x" + ")".repeat(n);
    assertThat(ShellWalker.invocations(ShellTrees.parse(nested))).hasSize(n + 1);
    String chain = String.join(" && ", java.util.Collections.nCopies(100, "a"));
    assertThat(ShellWalker.invocations(ShellTrees.parse(chain))).hasSize(100);
  }

  @Test
  void offsetsPointIntoTheSource() {
    String src = "echo hi > out";
    SimpleCommand c = (SimpleCommand) only(src);
    assertThat(src.substring(c.start(), c.end())).isEqualTo(src);
    Word w = c.words().get(1);
    assertThat(src.substring(w.start(), w.end())).isEqualTo("hi");
    Redirect r = c.redirects().get(0);
    assertThat(src.substring(r.start(), r.end())).isEqualTo("> out");
    assertThat(List.of(c.start(), c.end())).containsExactly(0, src.length());
  }
}
