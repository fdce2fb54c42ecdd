package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Visits everything in a tree that the classifier must judge: every command invocation wherever it
 * sits (inside command and process substitutions in any word, heredoc bodies, parameter expansion
 * operands, {@code [[ ]]} operands, case subjects and patterns, for lists, array subscripts,
 * arithmetic, subshells, functions, conditions and loops), every arithmetic context, every {@code
 * [[ ]]}, every parameter expansion, every redirection and every function definition. Each call
 * gets the {@link Context}: the chain of nodes from the root down to the visited node.
 *
 * <p>Nesting depth is bounded by the parser, so the recursion here is bounded too.
 */
public final class ShellWalker {
  private final Visitor visitor;
  private final ArrayList<Node> path = new ArrayList<>();

  private ShellWalker(Visitor visitor) {
    this.visitor = visitor;
  }

  /** Walks the whole script, calling the visitor in source order. */
  public static void walk(Script script, Visitor visitor) {
    new ShellWalker(visitor).script(script);
  }

  /** Every invocation anywhere in the script, in source order. */
  public static List<Invocation> invocations(Script script) {
    List<Invocation> out = new ArrayList<>();
    walk(
        script,
        new Visitor() {
          @Override
          public void invocation(Invocation command, Context context) {
            out.add(command);
          }
        });
    return out;
  }

  /** What the walker reports. Every method does nothing by default. */
  public interface Visitor {
    /** A simple or declaration command, before its words are walked. */
    default void invocation(Invocation command, Context context) {}

    /** An expression bash evaluates as arithmetic (variable names in it are expanded as code). */
    default void arithmetic(Word expression, ArithmeticKind kind, Context context) {}

    /** A {@code [[ ]]} command, before its operands are walked. */
    default void test(TestCommand test, Context context) {}

    /** A parameter expansion, before its operands are walked. */
    default void parameter(ParameterExpansion expansion, Context context) {}

    /** A redirection, on a command or on a compound command. */
    default void redirect(Redirect redirect, Context context) {}

    /** A function definition, before its body is walked. */
    default void function(FunctionDefinition definition, Context context) {}
  }

  /** Where an arithmetic expression appears. */
  public enum ArithmeticKind {
    /** {@code (( ))}. */
    COMMAND,
    /** {@code $(( ))}. */
    EXPANSION,
    /** The three clauses of {@code for (( ; ; ))}. */
    FOR_CLAUSE,
    /** An array subscript in an expansion or an assignment. */
    SUBSCRIPT,
    /** The offset and length of {@code ${x:offset:length}}. */
    SUBSTRING,
    /** An argument of {@code let}. */
    LET_ARGUMENT,
    /** An operand of {@code -eq}, {@code -lt}... inside {@code [[ ]]}. */
    TEST_OPERAND
  }

  /**
   * The nodes enclosing a visited node, from the script down to (not including) the node itself.
   */
  public record Context(List<Node> ancestors) {
    public Context {
      ancestors = List.copyOf(ancestors);
    }

    /** Redirections of every enclosing compound command, outermost first. */
    public List<Redirect> enclosingRedirects() {
      List<Redirect> out = new ArrayList<>();
      for (Node n : ancestors) {
        if (n instanceof CompoundCommand c) {
          out.addAll(c.redirects());
        }
      }
      return out;
    }

    /** True when some enclosing node is of the given type. */
    public boolean within(Class<? extends Node> type) {
      for (Node n : ancestors) {
        if (type.isInstance(n)) {
          return true;
        }
      }
      return false;
    }

    /** True inside a command substitution, process substitution or heredoc body. */
    public boolean inSubstitution() {
      return within(CommandSubstitution.class)
          || within(ProcessSubstitution.class)
          || within(Heredoc.class);
    }

    /** True inside a function body (the code runs only when the function is called). */
    public boolean inFunction() {
      return within(FunctionDefinition.class);
    }

    /** The innermost enclosing node, or null at the top. */
    public Node parent() {
      return ancestors.isEmpty() ? null : ancestors.get(ancestors.size() - 1);
    }
  }

  private Context context() {
    return new Context(path);
  }

  private void push(Node n) {
    path.add(n);
  }

  private void pop() {
    path.remove(path.size() - 1);
  }

  private void script(Script s) {
    push(s);
    statements(s.statements());
    pop();
  }

  private void statements(List<Statement> list) {
    for (Statement st : list) {
      push(st);
      command(st.command());
      pop();
    }
  }

  private void command(Command c) {
    switch (c) {
      case SimpleCommand sc -> {
        visitor.invocation(sc, context());
        push(sc);
        assignments(sc.assignments());
        boolean let = sc.commandName().flatMap(Word::literal).filter("let"::equals).isPresent();
        for (int i = 0; i < sc.words().size(); i++) {
          Word w = sc.words().get(i);
          if (let && i > 0) {
            visitor.arithmetic(w, ArithmeticKind.LET_ARGUMENT, context());
          }
          word(w);
        }
        redirects(sc.redirects());
        pop();
      }
      case DeclarationCommand dc -> {
        visitor.invocation(dc, context());
        push(dc);
        assignments(dc.assignments());
        word(dc.name());
        for (DeclarationOperand op : dc.operands()) {
          switch (op) {
            case Word w -> word(w);
            case Assignment a -> assignment(a);
          }
        }
        redirects(dc.redirects());
        pop();
      }
      case Pipeline p -> {
        push(p);
        p.commands().forEach(this::command);
        pop();
      }
      case Negation n -> {
        push(n);
        command(n.command());
        pop();
      }
      case AndOr a -> {
        push(a);
        command(a.left());
        command(a.right());
        pop();
      }
      case TimeCommand t -> {
        if (t.command() != null) {
          push(t);
          command(t.command());
          pop();
        }
      }
      case CoprocCommand co -> {
        push(co);
        command(co.body());
        pop();
      }
      case FunctionDefinition f -> {
        visitor.function(f, context());
        push(f);
        command(f.body());
        pop();
      }
      case CompoundCommand cc -> compound(cc);
    }
  }

  private void compound(CompoundCommand cc) {
    push(cc);
    redirects(cc.redirects());
    switch (cc) {
      case Subshell s -> statements(s.body());
      case BraceGroup b -> statements(b.body());
      case IfCommand i -> {
        for (IfBranch br : i.branches()) {
          push(br);
          statements(br.condition());
          statements(br.body());
          pop();
        }
        statements(i.elseBody());
      }
      case WhileCommand w -> {
        statements(w.condition());
        statements(w.body());
      }
      case ForCommand f -> {
        if (f.items() != null) {
          f.items().forEach(this::word);
        }
        statements(f.body());
      }
      case ArithForCommand f -> {
        arithmetic(f.init(), ArithmeticKind.FOR_CLAUSE);
        arithmetic(f.condition(), ArithmeticKind.FOR_CLAUSE);
        arithmetic(f.update(), ArithmeticKind.FOR_CLAUSE);
        statements(f.body());
      }
      case CaseCommand c -> {
        word(c.subject());
        for (CaseItem item : c.items()) {
          push(item);
          item.patterns().forEach(this::word);
          statements(item.body());
          pop();
        }
      }
      case TestCommand t -> {
        pop();
        visitor.test(t, context());
        push(t);
        test(t.expression());
      }
      case ArithmeticCommand a -> arithmetic(a.expression(), ArithmeticKind.COMMAND);
    }
    pop();
  }

  private void test(TestExpression e) {
    push(e);
    switch (e) {
      case TestExpression.Unary u -> word(u.operand());
      case TestExpression.Binary b -> {
        if (b.isArithmetic()) {
          visitor.arithmetic(b.left(), ArithmeticKind.TEST_OPERAND, context());
          visitor.arithmetic(b.right(), ArithmeticKind.TEST_OPERAND, context());
        }
        word(b.left());
        word(b.right());
      }
      case TestExpression.Logical l -> {
        test(l.left());
        test(l.right());
      }
      case TestExpression.Not n -> test(n.expression());
      case TestExpression.Group g -> test(g.expression());
      case TestExpression.Single s -> word(s.word());
    }
    pop();
  }

  private void arithmetic(Arithmetic a, ArithmeticKind kind) {
    push(a);
    visitor.arithmetic(a.word(), kind, context());
    word(a.word());
    pop();
  }

  private void assignments(List<Assignment> list) {
    list.forEach(this::assignment);
  }

  private void assignment(Assignment a) {
    push(a);
    if (a.index() != null) {
      visitor.arithmetic(a.index(), ArithmeticKind.SUBSCRIPT, context());
      word(a.index());
    }
    if (a.value() != null) {
      word(a.value());
    }
    if (a.elements() != null) {
      for (ArrayElement el : a.elements()) {
        push(el);
        if (el.index() != null) {
          visitor.arithmetic(el.index(), ArithmeticKind.SUBSCRIPT, context());
          word(el.index());
        }
        word(el.value());
        pop();
      }
    }
    pop();
  }

  private void redirects(List<Redirect> list) {
    for (Redirect r : list) {
      visitor.redirect(r, context());
      push(r);
      word(r.target());
      if (r.heredoc() != null) {
        push(r.heredoc());
        word(r.heredoc().body());
        pop();
      }
      pop();
    }
  }

  private void word(Word w) {
    push(w);
    parts(w.parts());
    pop();
  }

  private void parts(List<WordPart> parts) {
    for (WordPart part : parts) {
      switch (part) {
        case DoubleQuoted d -> {
          push(d);
          parts(d.parts());
          pop();
        }
        case LocaleQuoted d -> {
          push(d);
          parts(d.parts());
          pop();
        }
        case ParameterExpansion p -> {
          visitor.parameter(p, context());
          push(p);
          if (p.index() != null) {
            visitor.arithmetic(p.index(), ArithmeticKind.SUBSCRIPT, context());
            word(p.index());
          }
          if (p.operator() == ParameterOperator.SUBSTRING) {
            visitor.arithmetic(p.operand(), ArithmeticKind.SUBSTRING, context());
            if (p.operand2() != null) {
              visitor.arithmetic(p.operand2(), ArithmeticKind.SUBSTRING, context());
            }
          }
          if (p.operand() != null) {
            word(p.operand());
          }
          if (p.operand2() != null) {
            word(p.operand2());
          }
          pop();
        }
        case CommandSubstitution c -> {
          push(c);
          script(c.script());
          pop();
        }
        case ProcessSubstitution p -> {
          push(p);
          script(p.script());
          pop();
        }
        case ArithmeticExpansion a -> {
          push(a);
          arithmetic(a.expression(), ArithmeticKind.EXPANSION);
          pop();
        }
        case BraceExpansion b -> {
          push(b);
          b.items().forEach(this::word);
          pop();
        }
        default -> {}
      }
    }
  }
}
