package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Compound commands: groups, subshells, if, while/until, for/select (both forms), case, {@code [[
 * ]]}, {@code (( ))}, function definitions and coproc.
 */
abstract class CompoundParser extends WordParser {
  CompoundParser(String src, String root, int base, Shared shared) {
    super(src, root, base, shared);
  }

  abstract List<Statement> list() throws ShellSyntaxError;

  abstract Command command() throws ShellSyntaxError;

  abstract CompoundCommand withRedirects(CompoundCommand c, int start) throws ShellSyntaxError;

  abstract String describeNext();

  final BraceGroup braceGroup() throws ShellSyntaxError {
    int start = pos;
    consume("{");
    List<Statement> body = list();
    expectReserved("}");
    if (body.isEmpty()) {
      throw error(start, "empty '{ }' group");
    }
    return new BraceGroup(body, List.of(), o(start), o(pos));
  }

  final Subshell subshell() throws ShellSyntaxError {
    int start = pos;
    pos++;
    List<Statement> body = list();
    skipBlanksAndNewlines();
    if (peek() != ')') {
      throw error("expected ')'" + found());
    }
    if (body.isEmpty()) {
      throw error(start, "empty subshell");
    }
    pos++;
    return new Subshell(body, List.of(), o(start), o(pos));
  }

  final CompoundCommand arithmeticOrSubshell() throws ShellSyntaxError {
    int start = pos;
    int pendingBefore = pending.size();
    pos += 2;
    Arithmetic a = arithmetic(ArithEnd.PARENS);
    if (a != null) {
      pos += 2;
      return new ArithmeticCommand(a, List.of(), o(start), o(pos));
    }
    if (pending.size() != pendingBefore) {
      throw error(start, "heredoc inside an ambiguous '(('");
    }
    chargeSpeculation(pos - start);
    pos = start;
    return subshell();
  }

  final IfCommand ifCommand() throws ShellSyntaxError {
    int start = pos;
    consume("if");
    List<IfBranch> branches = new ArrayList<>();
    int branchStart = start;
    List<Statement> elseBody = List.of();
    while (true) {
      List<Statement> condition = list();
      expectReserved("then");
      List<Statement> body = list();
      branches.add(new IfBranch(condition, body, o(branchStart), o(pos)));
      skipBlanksAndNewlines();
      String w = peekReserved();
      if ("elif".equals(w)) {
        branchStart = pos;
        consume(w);
        continue;
      }
      if ("else".equals(w)) {
        consume(w);
        elseBody = list();
        if (elseBody.isEmpty()) {
          throw error("empty 'else' body");
        }
      }
      expectReserved("fi");
      break;
    }
    for (IfBranch b : branches) {
      if (b.condition().isEmpty() || b.body().isEmpty()) {
        throw error(b.start() - base, "empty condition or body in 'if'");
      }
    }
    return new IfCommand(branches, elseBody, List.of(), o(start), o(pos));
  }

  final WhileCommand whileCommand(String keyword) throws ShellSyntaxError {
    int start = pos;
    consume(keyword);
    List<Statement> condition = list();
    expectReserved("do");
    List<Statement> body = list();
    expectReserved("done");
    if (condition.isEmpty() || body.isEmpty()) {
      throw error(start, "empty condition or body in '" + keyword + "'");
    }
    return new WhileCommand(keyword.equals("until"), condition, body, List.of(), o(start), o(pos));
  }

  final CompoundCommand forCommand(String keyword) throws ShellSyntaxError {
    int start = pos;
    consume(keyword);
    skipBlanks();
    if (keyword.equals("for") && at("((")) {
      return arithFor(start);
    }
    int nameStart = pos;
    while (isNameChar(peek())) {
      pos++;
    }
    if (pos == nameStart || !metaAt(pos) || isDigit(src.charAt(nameStart))) {
      throw error(nameStart, "expected a variable name after '" + keyword + "'");
    }
    String variable = src.substring(nameStart, pos);
    List<Word> items = null;
    skipBlanks();
    boolean sawNewline = false;
    if (peek() == '\n') {
      skipBlanksAndNewlines();
      sawNewline = true;
    }
    if ("in".equals(peekReserved())) {
      consume("in");
      items = new ArrayList<>();
      while (true) {
        skipBlanks();
        char c = peek();
        if (c == ';' || c == '\n' || atEnd()) {
          break;
        }
        if (isMeta(c) && !((c == '<' || c == '>') && peek(1) == '(')) {
          throw error("unexpected " + describeNext() + " in 'for' list");
        }
        items.add(word(WordMode.NORMAL));
      }
      if (peek() == ';') {
        pos++;
      }
    } else if (!sawNewline && peek() == ';') {
      pos++;
    }
    expectReserved("do");
    List<Statement> body = list();
    expectReserved("done");
    if (body.isEmpty()) {
      throw error(start, "empty body in '" + keyword + "'");
    }
    return new ForCommand(
        keyword.equals("select"), variable, items, body, List.of(), o(start), o(pos));
  }

  private ArithForCommand arithFor(int start) throws ShellSyntaxError {
    pos += 2;
    Arithmetic init = arithmetic(ArithEnd.SEMI);
    pos++;
    Arithmetic condition = arithmetic(ArithEnd.SEMI);
    pos++;
    Arithmetic update = arithmetic(ArithEnd.PARENS);
    if (update == null) {
      throw error("expected '))' in 'for ((...))'");
    }
    pos += 2;
    skipBlanks();
    if (peek() == ';') {
      pos++;
    }
    expectReserved("do");
    List<Statement> body = list();
    expectReserved("done");
    if (body.isEmpty()) {
      throw error(start, "empty body in 'for'");
    }
    return new ArithForCommand(init, condition, update, body, List.of(), o(start), o(pos));
  }

  final CaseCommand caseCommand() throws ShellSyntaxError {
    int start = pos;
    consume("case");
    skipBlanks();
    Word subject = requiredWord(WordMode.PATTERN, "a word after 'case'");
    skipBlanksAndNewlines();
    if (!"in".equals(peekReserved())) {
      throw error("expected 'in'" + found());
    }
    consume("in");
    List<CaseItem> items = new ArrayList<>();
    while (true) {
      skipBlanksAndNewlines();
      if ("esac".equals(peekReserved())) {
        consume("esac");
        break;
      }
      if (atEnd()) {
        throw error(start, "'case' without 'esac'");
      }
      int itemStart = pos;
      if (peek() == '(') {
        pos++;
        skipBlanks();
      }
      List<Word> patterns = new ArrayList<>();
      while (true) {
        skipBlanks();
        patterns.add(requiredWord(WordMode.PATTERN, "a case pattern"));
        skipBlanks();
        if (peek() == '|') {
          pos++;
          continue;
        }
        if (peek() != ')') {
          throw error("expected ')' after case pattern" + found());
        }
        pos++;
        break;
      }
      List<Statement> body = list();
      skipBlanksAndNewlines();
      CaseItem.Terminator terminator = CaseItem.Terminator.BREAK;
      if (at(";;&")) {
        terminator = CaseItem.Terminator.CONTINUE;
        pos += 3;
      } else if (at(";;")) {
        pos += 2;
      } else if (at(";&")) {
        terminator = CaseItem.Terminator.FALL_THROUGH;
        pos += 2;
      } else if (!"esac".equals(peekReserved())) {
        throw error("expected ';;' or 'esac'" + found());
      }
      items.add(new CaseItem(patterns, body, terminator, o(itemStart), o(pos)));
    }
    return new CaseCommand(subject, items, List.of(), o(start), o(pos));
  }

  final Command functionKeyword() throws ShellSyntaxError {
    int start = pos;
    consume("function");
    skipBlanks();
    int nameStart = pos;
    while (pos < len && isFunctionNameChar(src.charAt(pos))) {
      pos++;
    }
    if (pos == nameStart || !(metaAt(pos))) {
      throw error(nameStart, "expected a function name");
    }
    String name = src.substring(nameStart, pos);
    skipBlanks();
    boolean parens = false;
    if (peek() == '(') {
      pos++;
      skipBlanks();
      if (peek() != ')') {
        throw error("expected ')' in function definition");
      }
      pos++;
      parens = true;
    }
    return functionBody(start, name, true, parens);
  }

  /** {@code name ( ) body}, after the name was read as the first word of a simple command. */
  final Command functionParens(Word nameWord, int start) throws ShellSyntaxError {
    String name = src.substring(nameWord.start() - base, nameWord.end() - base);
    for (int i = 0; i < name.length(); i++) {
      if (!isFunctionNameChar(name.charAt(i))) {
        throw error(start, "unexpected '(' (not a valid function name)");
      }
    }
    if (name.isEmpty() || isDigit(name.charAt(0))) {
      throw error(start, "unexpected '('");
    }
    pos++;
    skipBlanks();
    if (peek() != ')') {
      throw error("expected ')' in function definition");
    }
    pos++;
    return functionBody(start, name, false, true);
  }

  private Command functionBody(int start, String name, boolean keyword, boolean parens)
      throws ShellSyntaxError {
    skipBlanksAndNewlines();
    Command body = command();
    if (!(body instanceof CompoundCommand compound)) {
      throw error(start, "function body must be a compound command");
    }
    return new FunctionDefinition(name, keyword, parens, compound, o(start), body.end());
  }

  private static boolean isFunctionNameChar(char c) {
    return isNameChar(c) || c == '-' || c == '.' || c == ':' || c == '+' || c == '@';
  }

  final Command coproc() throws ShellSyntaxError {
    int start = pos;
    consume("coproc");
    skipBlanks();
    String name = null;
    int nameStart = pos;
    while (isNameChar(peek())) {
      pos++;
    }
    if (pos > nameStart && metaAt(pos) && peekReservedAfterBlanks()) {
      name = src.substring(nameStart, pos);
    } else {
      pos = nameStart;
    }
    Command body = command();
    return new CoprocCommand(name, body, o(start), body.end());
  }

  /** After a coproc name: true when a compound command follows (only then is it a name). */
  private boolean peekReservedAfterBlanks() {
    int save = pos;
    skipBlanks();
    String w = peekReserved();
    boolean compound =
        peek() == '('
            || (w != null
                && switch (w) {
                  case "{", "if", "while", "until", "for", "select", "case", "[[" -> true;
                  default -> false;
                });
    pos = save;
    return compound;
  }

  // ---- [[ ]] ----

  final TestCommand testCommand() throws ShellSyntaxError {
    int start = pos;
    consume("[[");
    enter();
    TestExpression e = testOr();
    leave();
    skipTestBlanks();
    if (!atTestClose()) {
      throw error("expected ']]'" + found());
    }
    pos += 2;
    return new TestCommand(e, List.of(), o(start), o(pos));
  }

  private void skipTestBlanks() throws ShellSyntaxError {
    skipBlanksAndNewlines();
  }

  private boolean atTestClose() {
    return at("]]") && metaAt(pos + 2);
  }

  private TestExpression testOr() throws ShellSyntaxError {
    int start = pos;
    TestExpression left = testAnd();
    int levels = 0;
    try {
      while (true) {
        skipTestBlanks();
        if (!at("||")) {
          return left;
        }
        enter();
        levels++;
        pos += 2;
        TestExpression right = testAnd();
        left = new TestExpression.Logical(left, AndOr.Operator.OR, right, o(start), right.end());
      }
    } finally {
      shared.depth -= levels;
    }
  }

  private TestExpression testAnd() throws ShellSyntaxError {
    int start = pos;
    TestExpression left = testNot();
    int levels = 0;
    try {
      while (true) {
        skipTestBlanks();
        if (!at("&&")) {
          return left;
        }
        enter();
        levels++;
        pos += 2;
        TestExpression right = testNot();
        left = new TestExpression.Logical(left, AndOr.Operator.AND, right, o(start), right.end());
      }
    } finally {
      shared.depth -= levels;
    }
  }

  private TestExpression testNot() throws ShellSyntaxError {
    skipTestBlanks();
    int start = pos;
    if (peek() == '!' && metaAt(pos + 1)) {
      pos++;
      enter();
      TestExpression e = testNot();
      leave();
      return new TestExpression.Not(e, o(start), e.end());
    }
    if (peek() == '(') {
      pos++;
      enter();
      TestExpression e = testOr();
      leave();
      skipTestBlanks();
      if (peek() != ')') {
        throw error("expected ')' in '[['" + found());
      }
      pos++;
      return new TestExpression.Group(e, o(start), o(pos));
    }
    if (atTestClose() || atEnd()) {
      throw error("expected an expression in '[['" + found());
    }
    Word first = testWord(WordMode.TEST);
    String firstText = src.substring(first.start() - base, first.end() - base);
    skipTestBlanks();
    String op = binaryOperatorAhead();
    if (op != null) {
      pos += op.length();
      skipTestBlanks();
      Word right = testWord(op.equals("=~") ? WordMode.REGEX : WordMode.TEST);
      return new TestExpression.Binary(first, op, right, o(start), right.end());
    }
    if (UNARY.contains(firstText) && !atTestClose() && !at("&&") && !at("||") && peek() != ')') {
      Word operand = testWord(WordMode.TEST);
      return new TestExpression.Unary(firstText, operand, o(start), operand.end());
    }
    return new TestExpression.Single(first, o(start), first.end());
  }

  private static final java.util.Set<String> UNARY =
      java.util.Set.of(
          "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w",
          "-x", "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R");

  private static final String[] BINARY = {
    "==", "=~", "!=", "=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"
  };

  private String binaryOperatorAhead() {
    for (String op : BINARY) {
      if (at(op)) {
        boolean symbol = op.charAt(0) == '<' || op.charAt(0) == '>';
        if (symbol && peek(1) == '(') {
          return null; // a process substitution, not a comparison
        }
        if (symbol || metaAt(pos + op.length())) {
          return op;
        }
      }
    }
    return null;
  }

  private Word testWord(WordMode mode) throws ShellSyntaxError {
    if (atTestClose()) {
      throw error("expected an operand in '[['" + found());
    }
    Word w = word(mode);
    if (w.parts().isEmpty()) {
      throw error("unexpected " + describeNext() + " in '[['");
    }
    return w;
  }
}
