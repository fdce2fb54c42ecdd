package dev.nome.core.risk;

import dev.nome.core.Tier;
import dev.nome.core.policy.FileGate;
import dev.nome.core.shell.*;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One classification: walks every node of a parsed script in source order, keeps what it learns
 * (variables, working directory, functions) and reports to {@link Findings}. Commands themselves
 * are judged by {@link Invocations}.
 */
final class Walk {
  /** Strings parsed again as shell ({@code bash -c}, {@code eval}...) nest at most this deep. */
  static final int MAX_REPARSE_DEPTH = 8;

  final CommandKnowledge knowledge;
  final String workspace;
  final FileGate gate;
  final Findings findings;
  final Bindings bindings;
  final int depth;
  final Invocations invocations;
  PathRef cwd;
  boolean sawCd;
  final Set<String> functions;

  /** When set (tests only), every invocation judged is added here. */
  Set<Invocation> seen;

  /** Files a downloader wrote earlier in this command: running them runs downloaded code. */
  final Set<String> downloaded = new HashSet<>(2);

  Walk(
      CommandKnowledge knowledge,
      String workspace,
      FileGate gate,
      Findings findings,
      Bindings bindings,
      int depth,
      Set<String> functions) {
    this.knowledge = knowledge;
    this.workspace = workspace;
    this.gate = gate;
    this.findings = findings;
    this.bindings = bindings;
    this.depth = depth;
    this.functions = functions;
    this.invocations = new Invocations(this);
  }

  void add(Tier tier, String command, String rule) {
    findings.add(tier, command, rule);
  }

  // ---------------------------------------------------------------- structure

  void script(Script s) {
    statements(s.statements());
  }

  void statements(List<Statement> list) {
    for (int i = 0; i < list.size(); i++) {
      command(list.get(i).command(), Stdin.INHERITED);
    }
  }

  void command(Command c, Stdin in) {
    switch (c) {
      case SimpleCommand sc -> {
        if (seen != null) {
          seen.add(sc);
        }
        invocations.simple(sc, in);
      }
      case DeclarationCommand dc -> {
        if (seen != null) {
          seen.add(dc);
        }
        invocations.declaration(dc);
      }
      case Pipeline p -> {
        List<Command> cmds = p.commands();
        PathRef saved = cwd;
        for (int i = 0; i < cmds.size(); i++) {
          command(cmds.get(i), i == 0 ? in : Stdin.pipe(cmds.subList(0, i)));
          cwd = saved; // every part of a pipeline runs in its own subshell
        }
      }
      case Negation n -> command(n.command(), in);
      case AndOr a -> {
        command(a.left(), in);
        command(a.right(), in);
      }
      case TimeCommand t -> {
        if (t.command() != null) {
          command(t.command(), in);
        }
      }
      case CoprocCommand co -> {
        PathRef saved = cwd;
        command(co.body(), Stdin.INHERITED);
        cwd = saved;
      }
      case FunctionDefinition f -> {
        functions.add(f.name());
        // The body is judged where it is defined: it runs whenever the function is called.
        PathRef saved = cwd;
        command(f.body(), Stdin.INHERITED);
        cwd = saved;
      }
      case CompoundCommand cc -> compound(cc, in);
    }
  }

  private void compound(CompoundCommand cc, Stdin in) {
    Stdin inner = redirects(cc.redirects(), "redirection", in);
    switch (cc) {
      case Subshell s -> {
        PathRef saved = cwd;
        statementsWith(s.body(), inner);
        cwd = saved;
      }
      case BraceGroup g -> statementsWith(g.body(), inner);
      case IfCommand i -> {
        for (IfBranch br : i.branches()) {
          statementsWith(br.condition(), inner);
          statementsWith(br.body(), inner);
        }
        statementsWith(i.elseBody(), inner);
      }
      case WhileCommand w ->
          loop(
              () -> {
                statementsWith(w.condition(), inner);
                statementsWith(w.body(), inner);
              });
      case ForCommand f -> {
        if (f.items() != null) {
          f.items().forEach(this::word);
        }
        loop(() -> statementsWith(f.body(), inner));
      }
      case ArithForCommand f -> {
        arithmetic(f.init().word(), "for (( ))");
        arithmetic(f.condition().word(), "for (( ))");
        arithmetic(f.update().word(), "for (( ))");
        loop(() -> statementsWith(f.body(), inner));
      }
      case CaseCommand c -> {
        word(c.subject());
        for (CaseItem item : c.items()) {
          item.patterns().forEach(this::word);
          statementsWith(item.body(), inner);
        }
      }
      case TestCommand t -> test(t.expression());
      case ArithmeticCommand a -> arithmetic(a.expression().word(), "(( ))");
    }
  }

  private void statementsWith(List<Statement> list, Stdin in) {
    for (int i = 0; i < list.size(); i++) {
      command(list.get(i).command(), in);
    }
  }

  /**
   * Walks a loop body; when it changed directory, walks it once more from an unknown directory,
   * since later rounds start where the previous one ended.
   */
  private void loop(Runnable body) {
    boolean cdBefore = sawCd;
    sawCd = false;
    body.run();
    if (sawCd) {
      cwd = new PathRef(PathRef.Anchor.UNKNOWN, List.of());
      body.run();
    }
    sawCd |= cdBefore;
  }

  private void test(TestExpression e) {
    switch (e) {
      case TestExpression.Unary u -> word(u.operand());
      case TestExpression.Binary b -> {
        word(b.left());
        word(b.right());
        if (b.isArithmetic()) {
          arithmetic(b.left(), "[[ " + b.operator() + " ]]");
          arithmetic(b.right(), "[[ " + b.operator() + " ]]");
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

  // ---------------------------------------------------------------- redirections

  /**
   * Judges redirections and walks their words; returns the standard input they leave the command
   * with.
   */
  Stdin redirects(List<Redirect> list, String display, Stdin in) {
    Stdin out = in;
    for (int i = 0; i < list.size(); i++) {
      Redirect r = list.get(i);
      word(r.target());
      if (r.heredoc() != null) {
        word(r.heredoc().body());
      }
      switch (r.operator()) {
        case HEREDOC, HEREDOC_STRIP_TABS -> {
          if (r.fd() <= 0) {
            out =
                new Stdin(Stdin.Kind.HEREDOC, List.of(), r.heredoc().body(), r.heredoc().quoted());
          }
        }
        case HERE_STRING -> {
          if (r.fd() <= 0) {
            out = new Stdin(Stdin.Kind.HERE_STRING, List.of(), r.target(), false);
          }
        }
        case IN -> {
          invocations.path(arg(r.target()), PathUse.READ, display, false);
          if (r.fd() <= 0) {
            out = new Stdin(Stdin.Kind.FILE, List.of(), r.target(), false);
          }
        }
        case DUP_IN, DUP_OUT -> {
          String t = Words.text(r.target());
          if (t == null) {
            add(Tier.DANGER, display, "redirects to a descriptor or file known only at run time");
          } else if (!isDescriptor(t)) {
            invocations.path(
                arg(r.target()),
                r.operator() == RedirectOperator.DUP_OUT ? PathUse.WRITE : PathUse.READ,
                display,
                false);
          }
        }
        case OUT, APPEND, CLOBBER, READ_WRITE, OUT_AND_ERR, APPEND_OUT_AND_ERR ->
            invocations.path(arg(r.target()), PathUse.WRITE, display, false);
      }
    }
    return out;
  }

  private static boolean isDescriptor(String t) {
    if (t.equals("-")) {
      return true;
    }
    String digits = t.endsWith("-") ? t.substring(0, t.length() - 1) : t;
    return Bindings.isNumber(digits) && !digits.startsWith("-") && !digits.startsWith("+");
  }

  /** The one argument a redirection target stands for (dynamic when it could be several). */
  Arg arg(Word w) {
    List<Arg> out = new ArrayList<>(1);
    Words.fields(w, bindings, out);
    if (out.size() == 1) {
      return out.get(0);
    }
    return Arg.dynamic(false, w);
  }

  // ---------------------------------------------------------------- words

  /** Walks the substitutions, parameter expansions and arithmetic inside a word. */
  void word(Word w) {
    List<WordPart> parts = w.parts();
    if (parts.size() == 1 && parts.get(0) instanceof Literal) {
      return;
    }
    parts(parts);
  }

  private void parts(List<WordPart> parts) {
    for (int i = 0; i < parts.size(); i++) {
      switch (parts.get(i)) {
        case DoubleQuoted d -> parts(d.parts());
        case LocaleQuoted d -> parts(d.parts());
        case ParameterExpansion p -> parameter(p);
        case CommandSubstitution c -> nested(c.script());
        case ProcessSubstitution p -> {
          if (p.output()) {
            // >(cmd): cmd reads what is written to it, as if through a pipe
            PathRef saved = cwd;
            for (Statement st : p.script().statements()) {
              command(st.command(), Stdin.pipe(List.of()));
            }
            cwd = saved;
          } else {
            nested(p.script());
          }
        }
        case ArithmeticExpansion a -> arithmetic(a.expression().word(), "$(( ))");
        case BraceExpansion b -> b.items().forEach(this::word);
        case Literal l -> {}
        case SingleQuoted s -> {}
        case AnsiCQuoted a -> {}
        case Glob g -> {}
        case ExtGlob g -> {}
        case Tilde t -> {}
      }
    }
  }

  private void nested(Script s) {
    PathRef saved = cwd;
    statements(s.statements());
    cwd = saved;
  }

  private void parameter(ParameterExpansion p) {
    String display = "${" + p.name() + "}";
    if (p.isPromptTransformation()) {
      add(
          Tier.DANGER,
          display,
          "${x@P} expands the value as a prompt, which runs command substitutions");
    } else if (p.operator() == ParameterOperator.TRANSFORM
        && (p.operand() == null || p.operand().isDynamic())) {
      add(Tier.DANGER, display, "a transformation known only at run time");
    }
    if (p.index() != null) {
      word(p.index());
      arithmetic(p.index(), "array subscript");
    }
    if (p.operator() == ParameterOperator.SUBSTRING) {
      if (p.operand() != null) {
        arithmetic(p.operand(), "${x:offset}");
      }
      if (p.operand2() != null) {
        arithmetic(p.operand2(), "${x:offset:length}");
      }
    }
    if (p.operand() != null) {
      word(p.operand());
    }
    if (p.operand2() != null) {
      word(p.operand2());
    }
  }

  // ---------------------------------------------------------------- arithmetic

  /**
   * Judges an arithmetic context: names whose values are not known numbers, expansions of such
   * names and command output are evaluated as expressions, which can run code.
   */
  void arithmetic(Word w, String where) {
    word(w);
    arithmeticParts(w.parts(), where);
  }

  private void arithmeticParts(List<WordPart> parts, String where) {
    for (int i = 0; i < parts.size(); i++) {
      switch (parts.get(i)) {
        case Literal l -> ArithmeticScan.names(l.value(), name -> arithmeticName(name, where));
        case SingleQuoted s -> ArithmeticScan.names(s.value(), name -> arithmeticName(name, where));
        case AnsiCQuoted s -> ArithmeticScan.names(s.value(), name -> arithmeticName(name, where));
        case DoubleQuoted d -> arithmeticParts(d.parts(), where);
        case LocaleQuoted d -> arithmeticParts(d.parts(), where);
        case ParameterExpansion p -> {
          if (!p.length()
              && !(p.operator() == ParameterOperator.NONE
                  && p.index() == null
                  && !p.indirect()
                  && bindings.numeric(p.name()))) {
            add(
                Tier.DANGER,
                where,
                "evaluates the value of $" + p.name() + " as arithmetic, which can run code");
          }
        }
        case CommandSubstitution c ->
            add(Tier.DANGER, where, "evaluates command output as arithmetic, which can run code");
        case ArithmeticExpansion a -> {}
        case ProcessSubstitution p -> add(Tier.DANGER, where, "process substitution in arithmetic");
        case BraceExpansion b -> {}
        case Glob g -> {}
        case ExtGlob g -> {}
        case Tilde t -> {}
      }
    }
  }

  private void arithmeticName(String name, String where) {
    if (!bindings.numeric(name)) {
      add(
          Tier.DANGER,
          where,
          "evaluates the value of " + name + " as arithmetic, which can run code");
    }
  }

  // ---------------------------------------------------------------- strings run as shell code

  /** Parses a string that will run as shell code ({@code bash -c}, {@code eval}, traps...). */
  void reparse(String code, String display) {
    if (depth >= MAX_REPARSE_DEPTH) {
      add(Tier.DANGER, display, "shell code nested too deeply to judge");
      return;
    }
    Script inner;
    try {
      inner = ShellParser.parse(code);
    } catch (ShellSyntaxError e) {
      add(Tier.DANGER, display, "code it runs does not parse (" + e.getMessage() + ")");
      return;
    }
    Bindings innerBindings = Prepass.collect(inner);
    Walk w =
        new Walk(
            knowledge,
            workspace,
            gate,
            findings,
            innerBindings,
            depth + 1,
            new HashSet<>(functions));
    w.cwd = cwd;
    w.downloaded.addAll(downloaded);
    w.script(inner);
  }
}
