package dev.nome.core.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random, mutated and generated inputs: the parser only ever throws {@link ShellSyntaxError}, never
 * an internal failure, finishes quickly, and whatever parses prints back to the same tree.
 */
class ShellFuzzTest {
  private static final List<String> CORPUS = ShellCorpus.entries();
  private static final String ALPHABET = "abcxyz019 \t\n;&|<>()'\"\\$`*?[]{}~#!=,.-_/:@%^+";

  /** Parses one input and checks every promise about the outcome. */
  static void check(String source) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          Script tree;
          try {
            tree = ShellParser.parse(source);
          } catch (ShellSyntaxError e) {
            assertThat(e.reason()).as(source).doesNotStartWith("internal");
            assertThat(e.offset()).isBetween(0, source.length());
            return;
          }
          assertThat(ShellTrees.roundTripProblem(tree)).as(source).isNull();
          for (Invocation i : ShellWalker.invocations(tree)) {
            i.commandName().ifPresent(w -> w.braceExpanded());
            i.commandName().ifPresent(Word::literal);
          }
        });
  }

  @Property(tries = 1500)
  void randomTextFromShellCharacters(@ForAll("shellText") String source) {
    check(source);
  }

  @Property(tries = 1500)
  void mutatedCorpusEntries(@ForAll("mutated") String source) {
    check(source);
  }

  @Property(tries = 1000)
  void generatedProgramsParseAndRoundTrip(@ForAll long seed) {
    String program = new ProgramGenerator(new Random(seed)).list(3);
    Script tree;
    try {
      tree = ShellParser.parse(program);
    } catch (ShellSyntaxError e) {
      throw new AssertionError(program + "\n" + e.getMessage(), e);
    }
    assertThat(ShellTrees.roundTripProblem(tree)).as(program).isNull();
  }

  @Provide
  Arbitrary<String> shellText() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(60);
  }

  @Provide
  Arbitrary<String> mutated() {
    return Arbitraries.integers()
        .between(0, CORPUS.size() - 1)
        .flatMap(i -> Arbitraries.longs().map(seed -> mutate(CORPUS.get(i), new Random(seed))));
  }

  private static String mutate(String s, Random r) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = b.isEmpty() ? 0 : r.nextInt(b.length() + 1);
      switch (r.nextInt(4)) {
        case 0 -> b.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 1 -> {
          if (at < b.length()) {
            b.deleteCharAt(at);
          }
        }
        case 2 -> {
          int end = Math.min(b.length(), at + 1 + r.nextInt(6));
          b.insert(at, b.substring(at, end));
        }
        default -> {
          if (at < b.length()) {
            b.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          }
        }
      }
    }
    return b.toString();
  }

  /** Writes random but valid bash: words of every quoting style inside every construct. */
  static final class ProgramGenerator {
    private final Random r;

    ProgramGenerator(Random r) {
      this.r = r;
    }

    private <T> T pick(List<T> options) {
      return options.get(r.nextInt(options.size()));
    }

    String word() {
      return switch (r.nextInt(16)) {
        case 0 -> "'" + pick(List.of("a b", "$x", "\"q\"", "", "*")) + "'";
        case 1 -> "\"" + pick(List.of("a $x", "${y:-z}", "\\$", "`date`", "$(ls)", "")) + "\"";
        case 2 -> "$'" + pick(List.of("\\x41", "\\n", "it\\'s", "\\101")) + "'";
        case 3 -> "$" + pick(List.of("x", "1", "@", "?", "{x}", "{#x}", "{x/a/b}", "{a[1]}"));
        case 4 -> "$(" + simple() + ")";
        case 5 -> "`" + pick(List.of("ls", "id -u", "echo a")) + "`";
        case 6 -> "$((" + pick(List.of("1 + 2", "x * (y - 1)", "a[2]")) + "))";
        case 7 -> pick(List.of("{a,b}", "x{1..3}", "{,.bak}"));
        case 8 -> pick(List.of("*.txt", "file?", "[ab]c", "@(a|b)"));
        case 9 -> pick(List.of("~", "~/src", "~root"));
        case 10 -> "\\" + pick(List.of("-", "$", "*", "'", "\"", " ", ";"));
        case 11 -> "<(" + simple() + ")";
        case 12 -> word() + word();
        default -> pick(List.of("ls", "-la", "src/", "--pre=cat", "a.b", "x-y", "42", "--"));
      };
    }

    String redirect() {
      return pick(List.of(">", ">>", "<", "2>", "&>", "2>&1", ">|", "<<<")) + " " + word();
    }

    String simple() {
      StringBuilder b = new StringBuilder();
      if (r.nextInt(5) == 0) {
        // Assignment values take no patterns (bash reads "A=@(x)" as a syntax error).
        String value =
            pick(
                List.of("v", "'a b'", "\"$x\"", "$(" + simple() + ")", "~/src", "$'\\x41'", "a:~"));
        b.append("A=").append(value).append(' ');
      }
      b.append(pick(List.of("echo", "ls", "git", "grep", "cat", "rm")));
      for (int i = r.nextInt(4); i > 0; i--) {
        b.append(' ').append(word());
      }
      if (r.nextInt(4) == 0) {
        b.append(' ').append(redirect().replace("2>&1 ", "2>&1 x "));
      }
      return b.toString();
    }

    String command(int depth) {
      if (depth <= 0) {
        return simple();
      }
      return switch (r.nextInt(12)) {
        case 0 -> "if " + list(depth - 1) + "; then " + list(depth - 1) + "; fi";
        case 1 -> "while " + list(depth - 1) + "; do " + list(depth - 1) + "; done";
        case 2 -> "for x in " + word() + " " + word() + "; do " + list(depth - 1) + "; done";
        case 3 -> "case " + word() + " in a|b) " + list(depth - 1) + ";; *) ;; esac";
        case 4 -> "( " + list(depth - 1) + " )";
        case 5 -> "{ " + list(depth - 1) + "; }";
        case 6 -> "f() { " + list(depth - 1) + "; }";
        case 7 -> "[[ -f " + word() + " && " + word() + " == x* ]]";
        case 8 -> "(( i += 1 ))";
        case 9 -> "declare -a arr=(" + word() + " " + word() + ")";
        case 10 -> "! " + simple() + " | " + simple();
        default -> simple();
      };
    }

    String list(int depth) {
      StringBuilder b = new StringBuilder(command(depth));
      for (int i = r.nextInt(3); i > 0; i--) {
        String joiner = pick(List.of(" && ", " || ", " | ", "; "));
        // "!" may only start a pipeline, never follow a pipe.
        b.append(joiner).append(joiner.equals(" | ") ? simple() : command(depth - 1));
      }
      return b.toString();
    }
  }
}
