package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a tree back to shell source such that parsing the output gives the same tree, offsets
 * aside. Comments are not kept and layout is canonical: one space between words, top-level
 * statements one per line, {@code ;} after statements inside compound commands and substitutions,
 * heredoc bodies right after the statement that opens them. Characters that would change meaning
 * are escaped with a backslash, so a word prints with the same parts it has.
 */
public final class ShellPrinter {
  private final StringBuilder out = new StringBuilder();
  private final List<Redirect> heredocs = new ArrayList<>();

  private ShellPrinter() {}

  /** The source text of a script. */
  public static String print(Script script) {
    ShellPrinter p = new ShellPrinter();
    p.statements(script.statements(), true);
    return p.out.toString();
  }

  /** The source text of one word, as it would be written as a command argument. */
  public static String print(Word word) {
    ShellPrinter p = new ShellPrinter();
    p.word(word, WordMode.NORMAL);
    return p.out.toString();
  }

  private void statements(List<Statement> list, boolean top) {
    for (Statement s : list) {
      command(s.command());
      if (s.background()) {
        out.append(" &");
      } else if (!top) {
        out.append(';');
      }
      if (!heredocs.isEmpty()) {
        out.append('\n');
        flushHeredocs();
      } else {
        out.append(top ? "\n" : " ");
      }
    }
  }

  private void flushHeredocs() {
    List<Redirect> now = new ArrayList<>(heredocs);
    heredocs.clear();
    for (Redirect r : now) {
      Heredoc h = r.heredoc();
      if (h == null) {
        continue;
      }
      int mark = out.length();
      if (h.quoted()) {
        h.body().parts().forEach(p -> out.append(((Literal) p).value()));
      } else {
        parts(h.body().parts(), WordMode.HEREDOC);
      }
      if (out.length() > mark && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
      out.append(h.delimiter()).append('\n');
    }
  }

  private void command(Command c) {
    switch (c) {
      case SimpleCommand sc -> {
        String sep = "";
        for (Assignment a : sc.assignments()) {
          out.append(sep);
          assignment(a);
          sep = " ";
        }
        for (int i = 0; i < sc.words().size(); i++) {
          out.append(sep);
          Word w = sc.words().get(i);
          if (i == 0) {
            commandName(w, sc.assignments().isEmpty());
          } else {
            word(w, WordMode.NORMAL);
          }
          sep = " ";
        }
        redirects(sc.redirects(), sep);
      }
      case DeclarationCommand dc -> {
        for (Assignment a : dc.assignments()) {
          assignment(a);
          out.append(' ');
        }
        word(dc.name(), WordMode.NORMAL);
        for (DeclarationOperand op : dc.operands()) {
          out.append(' ');
          switch (op) {
            case Word w -> wordNotAssignment(w);
            case Assignment a -> assignment(a);
          }
        }
        redirects(dc.redirects(), " ");
      }
      case Pipeline p -> {
        for (int i = 0; i < p.commands().size(); i++) {
          if (i > 0) {
            out.append(p.stderrPiped().get(i - 1) ? " |& " : " | ");
          }
          command(p.commands().get(i));
        }
      }
      case Negation n -> {
        out.append("! ");
        command(n.command());
      }
      case AndOr a -> {
        command(a.left());
        out.append(' ').append(a.operator().token()).append(' ');
        command(a.right());
      }
      case TimeCommand t -> {
        out.append("time");
        if (t.posix()) {
          out.append(" -p");
        }
        if (t.command() != null) {
          out.append(' ');
          command(t.command());
        }
      }
      case CoprocCommand co -> {
        out.append("coproc ");
        if (co.name() != null) {
          out.append(co.name()).append(' ');
        }
        command(co.body());
      }
      case FunctionDefinition f -> {
        if (f.keyword()) {
          out.append("function ").append(f.name());
          if (f.parentheses()) {
            out.append("()");
          }
        } else {
          out.append(f.name()).append("()");
        }
        out.append(' ');
        command(f.body());
      }
      case CompoundCommand cc -> {
        compound(cc);
        redirects(cc.redirects(), " ");
      }
    }
  }

  /** The first word of a simple command: escape it when it would read as a keyword. */
  private void commandName(Word w, boolean first) {
    int mark = out.length();
    wordNotAssignment(w);
    if (!first) {
      return;
    }
    String text = out.substring(mark);
    boolean special =
        switch (text) {
          case "if",
              "then",
              "else",
              "elif",
              "fi",
              "case",
              "esac",
              "for",
              "select",
              "while",
              "until",
              "do",
              "done",
              "in",
              "function",
              "time",
              "coproc",
              "declare",
              "typeset",
              "export",
              "local",
              "readonly" ->
              true;
          default -> false;
        };
    if (special) {
      out.insert(mark, '\\');
    }
  }

  private void compound(CompoundCommand cc) {
    switch (cc) {
      case Subshell s -> {
        out.append("( ");
        statements(s.body(), false);
        out.append(')');
      }
      case BraceGroup b -> {
        out.append("{ ");
        statements(b.body(), false);
        out.append('}');
      }
      case IfCommand i -> {
        String kw = "if ";
        for (IfBranch br : i.branches()) {
          out.append(kw);
          statements(br.condition(), false);
          out.append("then ");
          statements(br.body(), false);
          kw = "elif ";
        }
        if (!i.elseBody().isEmpty()) {
          out.append("else ");
          statements(i.elseBody(), false);
        }
        out.append("fi");
      }
      case WhileCommand w -> {
        out.append(w.until() ? "until " : "while ");
        statements(w.condition(), false);
        out.append("do ");
        statements(w.body(), false);
        out.append("done");
      }
      case ForCommand f -> {
        out.append(f.select() ? "select " : "for ").append(f.variable());
        if (f.items() != null) {
          out.append(" in");
          for (Word w : f.items()) {
            out.append(' ');
            word(w, WordMode.NORMAL);
          }
        }
        out.append("; do ");
        statements(f.body(), false);
        out.append("done");
      }
      case ArithForCommand f -> {
        out.append("for ((")
            .append(f.init().text())
            .append(';')
            .append(f.condition().text())
            .append(';')
            .append(f.update().text())
            .append(")); do ");
        statements(f.body(), false);
        out.append("done");
      }
      case CaseCommand k -> {
        out.append("case ");
        word(k.subject(), WordMode.PATTERN);
        out.append(" in ");
        for (CaseItem item : k.items()) {
          out.append('(');
          for (int j = 0; j < item.patterns().size(); j++) {
            if (j > 0) {
              out.append(" | ");
            }
            word(item.patterns().get(j), WordMode.PATTERN);
          }
          out.append(") ");
          statements(item.body(), false);
          out.append(item.terminator().token()).append(' ');
        }
        out.append("esac");
      }
      case TestCommand t -> {
        out.append("[[ ");
        test(t.expression());
        out.append(" ]]");
      }
      case ArithmeticCommand a -> out.append("((").append(a.expression().text()).append("))");
    }
  }

  private void test(TestExpression e) {
    switch (e) {
      case TestExpression.Unary u -> {
        out.append(u.operator()).append(' ');
        word(u.operand(), WordMode.TEST);
      }
      case TestExpression.Binary b -> {
        word(b.left(), WordMode.TEST);
        out.append(' ').append(b.operator()).append(' ');
        word(b.right(), b.operator().equals("=~") ? WordMode.REGEX : WordMode.TEST);
      }
      case TestExpression.Logical l -> {
        test(l.left());
        out.append(' ').append(l.operator().token()).append(' ');
        test(l.right());
      }
      case TestExpression.Not n -> {
        out.append("! ");
        test(n.expression());
      }
      case TestExpression.Group g -> {
        out.append("( ");
        test(g.expression());
        out.append(" )");
      }
      case TestExpression.Single s -> word(s.word(), WordMode.TEST);
    }
  }

  private void assignment(Assignment a) {
    out.append(a.name());
    if (a.index() != null) {
      out.append('[');
      arithWord(a.index());
      out.append(']');
    }
    out.append(a.append() ? "+=" : "=");
    if (a.elements() != null) {
      out.append('(');
      String sep = "";
      for (ArrayElement el : a.elements()) {
        out.append(sep);
        if (el.index() != null) {
          out.append('[');
          arithWord(el.index());
          out.append("]=");
          word(el.value(), WordMode.ASSIGN);
        } else {
          word(el.value(), WordMode.NORMAL);
        }
        sep = " ";
      }
      out.append(')');
    } else {
      word(a.value(), WordMode.ASSIGN);
    }
  }

  private void redirects(List<Redirect> list, String sep) {
    for (Redirect r : list) {
      out.append(sep);
      sep = " ";
      if (r.fd() >= 0) {
        out.append(r.fd());
      } else if (r.fdVariable() != null) {
        out.append('{').append(r.fdVariable()).append('}');
      }
      out.append(r.operator().token());
      boolean heredoc =
          r.operator() == RedirectOperator.HEREDOC
              || r.operator() == RedirectOperator.HEREDOC_STRIP_TABS;
      int mark = out.length();
      word(r.target(), heredoc ? WordMode.ASSIGN : WordMode.NORMAL);
      if (heredoc && r.heredoc() != null && r.heredoc().quoted()) {
        String written = out.substring(mark);
        if (written.indexOf('\'') < 0 && written.indexOf('"') < 0 && written.indexOf('\\') < 0) {
          out.insert(mark, '\\');
        }
      }
      boolean dup =
          r.operator() == RedirectOperator.DUP_OUT || r.operator() == RedirectOperator.DUP_IN;
      boolean tight = dup || heredoc;
      if (!tight || (out.length() > mark && "<>(".indexOf(out.charAt(mark)) >= 0)) {
        out.insert(mark, ' ');
      }
      if (heredoc) {
        heredocs.add(r);
      }
    }
  }

  // ---- words ----

  private void word(Word w, WordMode mode) {
    int mark = out.length();
    parts(w.parts(), mode);
    if (out.length() > mark
        && out.charAt(mark) == '='
        && !w.parts().isEmpty()
        && w.parts().get(0) instanceof Literal) {
      out.insert(mark, '\\');
    }
  }

  /** A word where a leading {@code name=} would read as an assignment. */
  private void wordNotAssignment(Word w) {
    int mark = out.length();
    word(w, WordMode.NORMAL);
    int i = mark;
    if (i < out.length() && Lexer.isNameStart(out.charAt(i))) {
      while (i < out.length() && Lexer.isNameChar(out.charAt(i))) {
        i++;
      }
      if (i < out.length() && out.charAt(i) == '+') {
        i++;
      }
      if (i < out.length() && (out.charAt(i) == '=' || out.charAt(i) == '[')) {
        out.insert(mark, '\\');
      }
    }
  }

  private void parts(List<WordPart> parts, WordMode mode) {
    WordPart previous = null;
    // The reader makes a lone '[' pattern only when a quote or escape follows it before any ']';
    // '*' and '?' patterns may sit between, so the mark lasts until the next non-pattern part.
    boolean afterLoneBracket = false;
    for (WordPart part : parts) {
      switch (part) {
        case Literal l -> {
          String v = l.value();
          if (previous instanceof ParameterExpansion p
              && !p.braced()
              && !v.isEmpty()
              && Lexer.isNameChar(v.charAt(0))
              && Lexer.isNameStart(p.name().charAt(0))) {
            // "$a" followed by "b" must not print as "$ab".
            out.append('\\');
          } else if (afterLoneBracket
              && !v.isEmpty()
              && literalSpecial(mode).indexOf(v.charAt(0)) < 0) {
            // A lone '[' pattern is what the reader makes of '[' before a quote or escape.
            out.append('\\');
          }
          literal(v, mode);
        }
        case SingleQuoted s -> out.append('\'').append(s.value()).append('\'');
        case DoubleQuoted d -> {
          out.append('"');
          parts(d.parts(), WordMode.DQ);
          out.append('"');
        }
        case LocaleQuoted d -> {
          out.append("$\"");
          parts(d.parts(), WordMode.DQ);
          out.append('"');
        }
        case AnsiCQuoted a -> out.append("$'").append(a.raw()).append('\'');
        case Tilde t -> out.append(t.text());
        case Glob g -> out.append(g.pattern());
        case ExtGlob g -> out.append(g.operator()).append('(').append(g.pattern()).append(')');
        case ParameterExpansion p -> parameter(p);
        case CommandSubstitution c -> {
          if (c.backtick()) {
            ShellPrinter inner = new ShellPrinter();
            inner.statements(c.script().statements(), false);
            String text = inner.out.toString();
            out.append('`');
            for (int i = 0; i < text.length(); i++) {
              char ch = text.charAt(i);
              if (ch == '\\' || ch == '`' || ch == '$') {
                out.append('\\');
              }
              out.append(ch);
            }
            out.append('`');
          } else {
            out.append("$(");
            nested(c.script());
            out.append(')');
          }
        }
        case ProcessSubstitution ps -> {
          out.append(ps.output() ? ">(" : "<(");
          nested(ps.script());
          out.append(')');
        }
        case ArithmeticExpansion a -> out.append("$((").append(a.expression().text()).append("))");
        case BraceExpansion b -> {
          out.append('{');
          for (int i = 0; i < b.items().size(); i++) {
            if (i > 0) {
              out.append(b.sequence() ? ".." : ",");
            }
            if (b.sequence()) {
              out.append(b.items().get(i).literal().orElse(""));
            } else {
              word(b.items().get(i), WordMode.BRACE_ITEM);
            }
          }
          out.append('}');
        }
      }
      if (part instanceof Glob g) {
        afterLoneBracket |= g.pattern().equals("[");
      } else {
        afterLoneBracket = false;
      }
      previous = part;
    }
  }

  private void nested(Script s) {
    if (!s.statements().isEmpty()) {
      out.append(' ');
    }
    statements(s.statements(), false);
  }

  private void parameter(ParameterExpansion p) {
    if (!p.braced()) {
      out.append('$').append(p.name());
      return;
    }
    out.append("${");
    if (p.length()) {
      out.append('#');
    }
    if (p.indirect()) {
      out.append('!');
    }
    out.append(p.name());
    if (p.index() != null) {
      out.append('[');
      arithWord(p.index());
      out.append(']');
    }
    ParameterOperator op = p.operator();
    switch (op) {
      case NONE -> {}
      case SUBSTRING -> {
        out.append(':');
        arithWord(p.operand());
        if (p.operand2() != null) {
          out.append(':');
          arithWord(p.operand2());
        }
      }
      case TRANSFORM, NAMES_STAR, NAMES_AT -> {
        out.append(op.token());
        if (p.operand() != null) {
          out.append(p.operand().literal().orElse(""));
        }
      }
      case REPLACE_FIRST, REPLACE_ALL, REPLACE_PREFIX, REPLACE_SUFFIX -> {
        out.append(op.token());
        if (p.operand() != null) {
          word(p.operand(), WordMode.PARAM_PATTERN);
        }
        if (p.operand2() != null) {
          out.append('/');
          word(p.operand2(), WordMode.PARAM);
        }
      }
      case REMOVE_SHORTEST_PREFIX,
          REMOVE_LONGEST_PREFIX,
          REMOVE_SHORTEST_SUFFIX,
          REMOVE_LONGEST_SUFFIX,
          UPPER_FIRST,
          UPPER_ALL,
          LOWER_FIRST,
          LOWER_ALL -> {
        out.append(op.token());
        if (p.operand() != null) {
          word(p.operand(), WordMode.PARAM_PATTERN);
        }
      }
      default -> {
        out.append(op.token());
        if (p.operand() != null) {
          word(p.operand(), WordMode.PARAM);
        }
      }
    }
    out.append('}');
  }

  /** Arithmetic text: literals as written, with the four characters the reader unescapes. */
  private void arithWord(Word w) {
    for (WordPart part : w.parts()) {
      if (part instanceof Literal l) {
        String v = l.value();
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (c == '\\' || c == '$' || c == '`' || c == '"') {
            out.append('\\');
          }
          out.append(c);
        }
      } else {
        parts(List.of(part), WordMode.DQ);
      }
    }
  }

  private static final String UNQUOTED_SPECIAL = " \t\n;&|<>()'\"\\$`*?[]{}~#!,";

  /** In [[ ]] an unescaped "=" could read as an operator. */
  private static final String TEST_SPECIAL = UNQUOTED_SPECIAL + "=";

  private static String literalSpecial(WordMode mode) {
    return switch (mode) {
      case DQ -> "\"\\$`";
      case HEREDOC -> "\\$`";
      case PARAM -> "\\$`'\"}";
      case PARAM_PATTERN -> "\\$`'\"}*?[(/";
      case TEST, REGEX -> TEST_SPECIAL;
      default -> UNQUOTED_SPECIAL;
    };
  }

  private void literal(String v, WordMode mode) {
    String special = literalSpecial(mode);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (special.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
  }
}
