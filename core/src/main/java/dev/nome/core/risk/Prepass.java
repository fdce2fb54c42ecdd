package dev.nome.core.risk;

import dev.nome.core.shell.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects every assignment in a script into {@link Bindings} before the classifier walks it.
 * Anything that assigns in a way we do not model makes the variable unknown.
 */
final class Prepass {
  private final Bindings b;

  private Prepass(Bindings b) {
    this.b = b;
  }

  static Bindings collect(Script script) {
    return Bindings.of(script);
  }

  static void fill(Script script, Bindings into) {
    new Prepass(into).statements(script.statements());
  }

  private void statements(List<Statement> list) {
    for (Statement s : list) {
      command(s.command());
    }
  }

  private void command(Command c) {
    switch (c) {
      case SimpleCommand sc -> simple(sc);
      case DeclarationCommand dc -> declaration(dc);
      case Pipeline p -> p.commands().forEach(this::command);
      case Negation n -> command(n.command());
      case AndOr a -> {
        command(a.left());
        command(a.right());
      }
      case TimeCommand t -> {
        if (t.command() != null) {
          command(t.command());
        }
      }
      case CoprocCommand co -> {
        if (co.name() != null) {
          b.assignUnknown(co.name());
        }
        b.assignUnknown("COPROC");
        command(co.body());
      }
      case FunctionDefinition f -> command(f.body());
      case CompoundCommand cc -> compound(cc);
    }
  }

  private void compound(CompoundCommand cc) {
    redirects(cc.redirects());
    switch (cc) {
      case Subshell s -> statements(s.body());
      case BraceGroup g -> statements(g.body());
      case IfCommand i -> {
        for (IfBranch br : i.branches()) {
          statements(br.condition());
          statements(br.body());
        }
        statements(i.elseBody());
      }
      case WhileCommand w -> {
        statements(w.condition());
        statements(w.body());
      }
      case ForCommand f -> {
        if (f.items() == null || f.select()) {
          b.assignUnknown(f.variable());
        } else {
          List<Arg> values = new ArrayList<>();
          for (Word w : f.items()) {
            word(w);
            Words.fields(w, Bindings.EMPTY, values);
          }
          for (Arg v : values) {
            if (v.dynamic()) {
              // `for f in $(ls)`: resolved later through the word itself when possible
              b.assignUnknown(f.variable());
            } else {
              b.assignValue(f.variable(), v);
            }
          }
          if (values.isEmpty()) {
            b.assignUnknown(f.variable());
          }
          reassignDynamicItems(f);
        }
        statements(f.body());
      }
      case ArithForCommand f -> {
        arithmetic(f.init());
        arithmetic(f.condition());
        arithmetic(f.update());
        statements(f.body());
      }
      case CaseCommand c -> {
        word(c.subject());
        for (CaseItem item : c.items()) {
          item.patterns().forEach(this::word);
          statements(item.body());
        }
      }
      case TestCommand t -> test(t.expression());
      case ArithmeticCommand a -> arithmetic(a.expression());
    }
  }

  /** Loop items that refer to other variables ({@code for f in $files}) resolve through them. */
  private void reassignDynamicItems(ForCommand f) {
    for (Word w : f.items()) {
      if (w.isDynamic()) {
        b.assign(f.variable(), w);
      }
    }
  }

  private void test(TestExpression e) {
    switch (e) {
      case TestExpression.Unary u -> word(u.operand());
      case TestExpression.Binary bin -> {
        word(bin.left());
        word(bin.right());
        if (bin.isArithmetic()) {
          arithmeticWord(bin.left());
          arithmeticWord(bin.right());
        }
      }
      case TestExpression.Logical l -> {
        test(l.left());
        test(l.right());
      }
      case TestExpression.Not n -> test(n.expression());
      case TestExpression.Group g -> test(g.expression());
      case TestExpression.Single s -> word(s.word());
    }
  }

  private void simple(SimpleCommand sc) {
    for (Assignment a : sc.assignments()) {
      assignment(a, sc.words().isEmpty());
    }
    sc.words().forEach(this::word);
    redirects(sc.redirects());
    if (sc.words().isEmpty()) {
      return;
    }
    Optional<String> name = sc.words().get(0).literal();
    if (name.isEmpty()) {
      b.opaque = true; // a dynamic command may be `read`, `eval`...
      return;
    }
    List<Word> args = sc.arguments();
    switch (name.get()) {
      case "eval", "source", ".", "builtin", "command", "exec", "trap" -> b.opaque = true;
      case "read" -> operandsUnknown(args, "REPLY");
      case "mapfile", "readarray" -> operandsUnknown(args, "MAPFILE");
      case "getopts" -> {
        if (args.size() >= 2) {
          args.get(1).literal().ifPresentOrElse(b::assignUnknown, () -> b.opaque = true);
        }
        b.assignUnknown("OPTARG");
      }
      case "printf" -> {
        for (int i = 0; i + 1 < args.size(); i++) {
          if (args.get(i).literal().filter("-v"::equals).isPresent()) {
            args.get(i + 1).literal().ifPresentOrElse(b::assignUnknown, () -> b.opaque = true);
          }
        }
      }
      case "let" -> args.forEach(this::arithmeticWord);
      case "declare", "typeset", "local", "export", "readonly" -> b.opaque = true;
      default -> {}
    }
  }

  private void operandsUnknown(List<Word> args, String fallback) {
    b.assignUnknown(fallback);
    for (Word w : args) {
      Optional<String> lit = w.literal();
      if (lit.isEmpty()) {
        b.opaque = true;
      } else if (!lit.get().startsWith("-")) {
        b.assignUnknown(lit.get()); // option values become unknown names too: harmless
      }
    }
  }

  private void declaration(DeclarationCommand dc) {
    for (Assignment a : dc.assignments()) {
      assignment(a, false);
    }
    boolean integer = false;
    for (DeclarationOperand op : dc.operands()) {
      switch (op) {
        case Word w -> {
          word(w);
          Optional<String> lit = w.literal();
          if (lit.isEmpty()) {
            b.opaque = true;
          } else if (lit.get().startsWith("-") || lit.get().startsWith("+")) {
            if (lit.get().contains("n")) {
              b.opaque = true; // nameref: assignments through it reach any variable
            }
            integer |= lit.get().contains("i");
          } else if (integer) {
            b.declareInteger(lit.get());
          }
        }
        case Assignment a -> {
          assignment(a, true);
          if (integer) {
            b.declareInteger(a.name());
          }
        }
      }
    }
    redirects(dc.redirects());
  }

  private void assignment(Assignment a, boolean persists) {
    if (a.index() != null) {
      word(a.index());
    }
    if (a.elements() != null) {
      for (ArrayElement el : a.elements()) {
        if (el.index() != null) {
          word(el.index());
        }
        word(el.value());
      }
      b.assignUnknown(a.name());
      return;
    }
    if (a.value() != null) {
      word(a.value());
    }
    if (a.append() || a.index() != null || a.value() == null) {
      b.assignUnknown(a.name());
      return;
    }
    Arg temp = temporaryFile(a.value());
    if (temp != null) {
      b.assignValue(a.name(), temp);
    } else {
      b.assign(a.name(), a.value());
    }
  }

  /** {@code x=$(mktemp)}: a fresh file under /tmp (or where its template says). */
  private static Arg temporaryFile(Word value) {
    List<WordPart> parts = value.parts();
    WordPart only = parts.size() == 1 ? parts.get(0) : null;
    if (only instanceof DoubleQuoted d && d.parts().size() == 1) {
      only = d.parts().get(0);
    }
    if (!(only instanceof CommandSubstitution c)
        || c.script().statements().size() != 1
        || !(c.script().statements().get(0).command() instanceof SimpleCommand sc)
        || sc.words().isEmpty()
        || sc.words().get(0).literal().filter("mktemp"::equals).isEmpty()) {
      return null;
    }
    String template = null;
    boolean inTmp = false;
    for (Word w : sc.arguments()) {
      String t = w.literal().orElse(null);
      if (t == null) {
        return null;
      }
      if (t.equals("-t") || t.startsWith("--tmpdir")) {
        inTmp = true;
      } else if (t.startsWith("-p") || t.startsWith("-")) {
        if (t.startsWith("-p")) {
          return null;
        }
      } else {
        template = t;
      }
    }
    String text = template == null || inTmp ? "/tmp/tmp.nome" : template;
    return new Arg(text, false, false, null);
  }

  private void redirects(List<Redirect> list) {
    for (Redirect r : list) {
      if (r.fdVariable() != null) {
        b.assignUnknown(r.fdVariable());
      }
      word(r.target());
      if (r.heredoc() != null) {
        word(r.heredoc().body());
      }
    }
  }

  private void arithmetic(Arithmetic a) {
    if (a != null) {
      arithmeticWord(a.word());
      word(a.word());
    }
  }

  private void arithmeticWord(Word w) {
    for (WordPart p : w.parts()) {
      if (p instanceof Literal l) {
        ArithmeticScan.assignedNames(l.value(), b);
      }
    }
  }

  private void word(Word w) {
    parts(w.parts());
  }

  private void parts(List<WordPart> parts) {
    for (WordPart part : parts) {
      switch (part) {
        case DoubleQuoted d -> parts(d.parts());
        case LocaleQuoted d -> parts(d.parts());
        case ParameterExpansion p -> {
          if (p.index() != null) {
            word(p.index());
          }
          if (p.operand() != null) {
            word(p.operand());
          }
          if (p.operand2() != null) {
            word(p.operand2());
          }
          switch (p.operator()) {
            case ASSIGN, ASSIGN_UNSET -> {
              if (p.operand() != null) {
                b.assign(p.name(), p.operand());
              } else {
                b.assignUnknown(p.name());
              }
            }
            default -> {}
          }
        }
        case CommandSubstitution c -> statements(c.script().statements());
        case ProcessSubstitution ps -> statements(ps.script().statements());
        case ArithmeticExpansion a -> arithmetic(a.expression());
        case BraceExpansion e -> e.items().forEach(this::word);
        default -> {}
      }
    }
  }
}
