package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recursive-descent parser for command lists, pipelines, simple commands, redirections and
 * heredocs. Compound commands are in {@link CompoundParser}; words in {@link WordParser}.
 */
class Parser extends CompoundParser {
  Parser(String src, String root, int base, Shared shared) {
    super(src, root, base, shared);
  }

  /** Parses a whole input, running a second pass when it holds heredocs. */
  static Script parse(String source) throws ShellSyntaxError {
    if (source.indexOf('\0') >= 0) {
      throw ShellSyntaxError.at(source, source.indexOf('\0'), "NUL character in input");
    }
    Shared first = new Shared(Map.of());
    Script script = new Parser(source, source, 0, first).script();
    if (!first.foundNewBodies) {
      return script;
    }
    Shared second = new Shared(new HashMap<>(first.found));
    return new Parser(source, source, 0, second).script();
  }

  final Script script() throws ShellSyntaxError {
    List<Statement> list = list();
    if (!atEnd()) {
      throw error("unexpected " + describeNext());
    }
    if (!pending.isEmpty()) {
      throw error("heredoc without a body (no newline after its command)");
    }
    return new Script(list, o(0), o(len));
  }

  @Override
  final Script parseNested() throws ShellSyntaxError {
    int start = pos;
    List<Statement> list = list();
    return new Script(list, o(start), o(pos));
  }

  @Override
  final Script parseBacktick(String inner, int innerBase) throws ShellSyntaxError {
    return new Parser(inner, root, innerBase, shared).script();
  }

  // ---- lists ----

  /** Statements up to the end of input, a {@code )}, a case terminator or a closing word. */
  final List<Statement> list() throws ShellSyntaxError {
    List<Statement> out = new ArrayList<>();
    while (true) {
      skipBlanksAndNewlines();
      if (atListEnd()) {
        return out;
      }
      int start = pos;
      Command c = andOr();
      skipBlanks();
      char ch = peek();
      boolean background = false;
      if (ch == '&' && peek(1) != '&') {
        background = true;
        pos++;
      } else if (ch == ';' && peek(1) != ';' && peek(1) != '&') {
        pos++;
      } else if (ch != '\n' && !atListEnd()) {
        throw error("unexpected " + describeNext());
      }
      out.add(new Statement(c, background, o(start), o(pos)));
    }
  }

  final boolean atListEnd() {
    if (atEnd()) {
      return true;
    }
    char c = peek();
    if (c == ')' || (c == ';' && (peek(1) == ';' || peek(1) == '&'))) {
      return true;
    }
    String w = peekReserved();
    return w != null
        && switch (w) {
          case "then", "else", "elif", "fi", "do", "done", "esac", "}" -> true;
          default -> false;
        };
  }

  final String describeNext() {
    if (atEnd()) {
      return "end of input";
    }
    String w = peekReserved();
    if (w != null) {
      return "'" + w + "'";
    }
    char c = peek();
    if (c == '\n') {
      return "newline";
    }
    int end = pos + 1;
    while (end < len && end < pos + 3 && "|&;<>()".indexOf(src.charAt(end)) >= 0) {
      end++;
    }
    return "'" + src.substring(pos, "|&;<>()".indexOf(c) >= 0 ? end : pos + 1) + "'";
  }

  private Command andOr() throws ShellSyntaxError {
    int start = pos;
    Command left = pipeline();
    // The tree nests one level per operator, so a chain counts against the nesting depth.
    int levels = 0;
    try {
      while (true) {
        skipBlanks();
        AndOr.Operator op;
        if (at("&&")) {
          op = AndOr.Operator.AND;
        } else if (at("||")) {
          op = AndOr.Operator.OR;
        } else {
          return left;
        }
        enter();
        levels++;
        pos += 2;
        skipBlanksAndNewlines();
        Command right = pipeline();
        left = new AndOr(left, op, right, o(start), right.end());
      }
    } finally {
      shared.depth -= levels;
    }
  }

  private Command pipeline() throws ShellSyntaxError {
    skipBlanks();
    int start = pos;
    String w = peekReserved();
    if ("!".equals(w)) {
      consume(w);
      enter();
      Command c = pipeline();
      leave();
      return new Negation(c, o(start), c.end());
    }
    if ("time".equals(w)) {
      consume(w);
      skipBlanks();
      boolean posix = false;
      if (at("-p") && metaAt(pos + 2)) {
        posix = true;
        pos += 2;
        skipBlanks();
      }
      if (atPipelineEnd()) {
        return new TimeCommand(posix, null, o(start), o(pos));
      }
      enter();
      Command c = pipeline();
      leave();
      return new TimeCommand(posix, c, o(start), c.end());
    }
    Command first = command();
    skipBlanks();
    if (!(peek() == '|' && peek(1) != '|')) {
      return first;
    }
    List<Command> commands = new ArrayList<>();
    List<Boolean> stderr = new ArrayList<>();
    commands.add(first);
    while (peek() == '|' && peek(1) != '|') {
      boolean both = peek(1) == '&';
      pos += both ? 2 : 1;
      stderr.add(both);
      skipBlanksAndNewlines();
      commands.add(command());
      skipBlanks();
    }
    return new Pipeline(commands, stderr, o(start), commands.get(commands.size() - 1).end());
  }

  private boolean atPipelineEnd() {
    char c = peek();
    return atEnd() || c == '\n' || c == ';' || c == '&' || c == ')' || c == '|';
  }

  // ---- commands ----

  final Command command() throws ShellSyntaxError {
    enter();
    try {
      skipBlanks();
      int start = pos;
      String w = peekReserved();
      CompoundCommand compound = null;
      if (w != null) {
        switch (w) {
          case "{" -> compound = braceGroup();
          case "if" -> compound = ifCommand();
          case "while", "until" -> compound = whileCommand(w);
          case "for", "select" -> compound = forCommand(w);
          case "case" -> compound = caseCommand();
          case "[[" -> compound = testCommand();
          case "function" -> {
            return functionKeyword();
          }
          case "coproc" -> {
            return coproc();
          }
          case "then", "else", "elif", "fi", "do", "done", "esac", "}", "in", "]]" ->
              throw error("unexpected '" + w + "'");
          case "!", "time" -> throw error("unexpected '" + w + "'");
          default -> {}
        }
      } else if (peek() == '(') {
        compound = peek(1) == '(' ? arithmeticOrSubshell() : subshell();
      }
      if (compound != null) {
        return withRedirects(compound, start);
      }
      return simpleCommand();
    } finally {
      leave();
    }
  }

  /** Reads the redirections after a compound command and returns it with them. */
  final CompoundCommand withRedirects(CompoundCommand c, int start) throws ShellSyntaxError {
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (!atRedirect()) {
        break;
      }
      redirects.add(redirect());
    }
    if (redirects.isEmpty()) {
      return c;
    }
    int end = o(pos);
    return switch (c) {
      case Subshell s -> new Subshell(s.body(), redirects, s.start(), end);
      case BraceGroup b -> new BraceGroup(b.body(), redirects, b.start(), end);
      case IfCommand i -> new IfCommand(i.branches(), i.elseBody(), redirects, i.start(), end);
      case WhileCommand w ->
          new WhileCommand(w.until(), w.condition(), w.body(), redirects, w.start(), end);
      case ForCommand f ->
          new ForCommand(f.select(), f.variable(), f.items(), f.body(), redirects, f.start(), end);
      case ArithForCommand f ->
          new ArithForCommand(
              f.init(), f.condition(), f.update(), f.body(), redirects, f.start(), end);
      case CaseCommand k -> new CaseCommand(k.subject(), k.items(), redirects, k.start(), end);
      case TestCommand t -> new TestCommand(t.expression(), redirects, t.start(), end);
      case ArithmeticCommand a -> new ArithmeticCommand(a.expression(), redirects, a.start(), end);
    };
  }

  private static final String[] DECLARATIONS = {
    "declare", "typeset", "export", "local", "readonly"
  };

  /** True when the source between the offsets is a declaration builtin written plainly. */
  private boolean isDeclarationBuiltin(int from, int to) {
    for (String d : DECLARATIONS) {
      if (d.length() == to - from && src.startsWith(d, from)) {
        return true;
      }
    }
    return false;
  }

  private Command simpleCommand() throws ShellSyntaxError {
    int start = pos;
    List<Assignment> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (atRedirect()) {
        redirects.add(redirect());
        continue;
      }
      char c = peek();
      if (isMeta(c) && !((c == '<' || c == '>') && peek(1) == '(')) {
        if (c == '(' && words.size() == 1 && assignments.isEmpty() && redirects.isEmpty()) {
          return functionParens(words.get(0), start);
        }
        if (c == '(') {
          throw error("unexpected '('");
        }
        break;
      }
      if (words.isEmpty() && assignmentAhead()) {
        assignments.add(assignment());
        continue;
      }
      int wordStart = pos;
      Word w = word(WordMode.NORMAL);
      if (w.parts().isEmpty()) {
        throw error("unexpected " + describeNext());
      }
      checkZshEquals(w, wordStart);
      if (words.isEmpty() && isDeclarationBuiltin(wordStart, pos) && w.parts().size() == 1) {
        return declaration(start, assignments, w, redirects);
      }
      words.add(w);
    }
    if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
      throw error("expected a command" + found());
    }
    return new SimpleCommand(assignments, words, redirects, o(start), o(pos));
  }

  private void checkZshEquals(Word w, int wordStart) throws ShellSyntaxError {
    if (src.charAt(wordStart) == '='
        && wordStart + 1 < len
        && isNameStart(src.charAt(wordStart + 1))
        && w.parts().get(0) instanceof Literal) {
      throw error(wordStart, "zsh '=command' expansion is not bash");
    }
  }

  private Command declaration(
      int start, List<Assignment> assignments, Word name, List<Redirect> redirects)
      throws ShellSyntaxError {
    List<DeclarationOperand> operands = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (atRedirect()) {
        redirects.add(redirect());
        continue;
      }
      char c = peek();
      if (isMeta(c) && !((c == '<' || c == '>') && peek(1) == '(')) {
        if (c == '(') {
          throw error("unexpected '('");
        }
        break;
      }
      if (assignmentAhead()) {
        operands.add(assignment());
        continue;
      }
      int wordStart = pos;
      Word w = word(WordMode.NORMAL);
      if (w.parts().isEmpty()) {
        throw error("unexpected " + describeNext());
      }
      checkZshEquals(w, wordStart);
      operands.add(w);
    }
    return new DeclarationCommand(assignments, name, operands, redirects, o(start), o(pos));
  }

  // ---- assignments ----

  /** True when the cursor is at {@code name=}, {@code name+=} or {@code name[...]=}. */
  final boolean assignmentAhead() {
    int i = pos;
    if (i >= len || !isNameStart(src.charAt(i))) {
      return false;
    }
    while (i < len && isNameChar(src.charAt(i))) {
      i++;
    }
    if (i < len && src.charAt(i) == '[') {
      int depth = 0;
      while (i < len) {
        char c = src.charAt(i);
        if (c == '[') {
          depth++;
        } else if (c == ']' && --depth == 0) {
          break;
        } else if ((isMeta(c) && c != '(' && c != ')') || i - pos > 1024) {
          // Bounded so that many unclosed '[' stay linear; longer subscripts are plain words.
          return false;
        }
        i++;
      }
      if (i >= len) {
        return false;
      }
      i++;
    }
    if (i < len && src.charAt(i) == '+') {
      i++;
    }
    return i < len && src.charAt(i) == '=';
  }

  final Assignment assignment() throws ShellSyntaxError {
    int start = pos;
    while (isNameChar(peek())) {
      pos++;
    }
    String name = src.substring(start, pos);
    Word index = null;
    if (peek() == '[') {
      pos++;
      index = arithmetic(ArithEnd.BRACKET).word();
      pos++;
    }
    boolean append = false;
    if (peek() == '+') {
      append = true;
      pos++;
    }
    pos++; // '='
    if (peek() == '(') {
      return arrayAssignment(start, name, index, append);
    }
    int valueStart = pos;
    List<WordPart> parts = parts(WordMode.ASSIGN, "");
    Word value = new Word(parts, o(valueStart), o(pos));
    return new Assignment(name, index, append, value, null, o(start), o(pos));
  }

  private Assignment arrayAssignment(int start, String name, Word index, boolean append)
      throws ShellSyntaxError {
    pos++;
    enter();
    List<ArrayElement> elements = new ArrayList<>();
    while (true) {
      skipBlanksAndNewlines();
      if (peek() == ')') {
        pos++;
        break;
      }
      if (atEnd()) {
        throw error(start, "unterminated array assignment");
      }
      int elStart = pos;
      Word elIndex = null;
      if (peek() == '[' && elementIndexAhead()) {
        pos++;
        elIndex = arithmetic(ArithEnd.BRACKET).word();
        pos += 2; // "]="
      }
      Word value = word(elIndex == null ? WordMode.NORMAL : WordMode.ASSIGN);
      if (value.parts().isEmpty() && elIndex == null) {
        throw error("unexpected " + describeNext() + " in array assignment");
      }
      elements.add(new ArrayElement(elIndex, value, o(elStart), o(pos)));
    }
    leave();
    return new Assignment(name, index, append, null, elements, o(start), o(pos));
  }

  private boolean elementIndexAhead() {
    int depth = 0;
    for (int i = pos; i < len; i++) {
      char c = src.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i + 1 < len && src.charAt(i + 1) == '=';
      } else if (isMeta(c)) {
        return false;
      }
    }
    return false;
  }

  // ---- redirections ----

  /** True when the cursor is at a redirection (with its optional descriptor prefix). */
  final boolean atRedirect() {
    int i = pos;
    if (i < len && isDigit(src.charAt(i))) {
      while (i < len && isDigit(src.charAt(i))) {
        i++;
      }
    } else if (i < len && src.charAt(i) == '{') {
      int j = i + 1;
      if (j < len && isNameStart(src.charAt(j))) {
        while (j < len && isNameChar(src.charAt(j))) {
          j++;
        }
        if (j < len && src.charAt(j) == '}') {
          i = j + 1;
        }
      }
    }
    if (i >= len) {
      return false;
    }
    char c = src.charAt(i);
    char n = i + 1 < len ? src.charAt(i + 1) : '\0';
    if (c == '<' || c == '>') {
      return n != '(';
    }
    return c == '&' && n == '>' && i == pos;
  }

  private static final String[] OPERATORS = {
    "<<<", "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">", "&>>", "&>"
  };

  final Redirect redirect() throws ShellSyntaxError {
    int start = pos;
    int fd = -1;
    String fdVariable = null;
    if (isDigit(peek())) {
      int s = pos;
      while (isDigit(peek())) {
        pos++;
      }
      String digits = src.substring(s, pos);
      if (digits.length() > 9) {
        throw error(s, "file descriptor number too large");
      }
      fd = Integer.parseInt(digits);
    } else if (peek() == '{') {
      int s = pos + 1;
      pos = src.indexOf('}', s) + 1;
      fdVariable = src.substring(s, pos - 1);
    }
    RedirectOperator op = null;
    for (String t : OPERATORS) {
      if (at(t)) {
        op = operatorFor(t);
        pos += t.length();
        break;
      }
    }
    if (op == null) {
      throw error("expected a redirection operator");
    }
    if (op == RedirectOperator.OUT && peek() == '!') {
      throw error(start, "zsh '>!' is not bash (use '>|')");
    }
    skipBlanks();
    if (op == RedirectOperator.HEREDOC || op == RedirectOperator.HEREDOC_STRIP_TABS) {
      return heredocRedirect(start, fd, fdVariable, op);
    }
    Word target = requiredWord(WordMode.NORMAL, "a redirection target");
    return new Redirect(fd, fdVariable, op, target, null, o(start), o(pos));
  }

  private static RedirectOperator operatorFor(String token) {
    for (RedirectOperator op : RedirectOperator.values()) {
      if (op.token().equals(token)) {
        return op;
      }
    }
    throw new IllegalStateException(token);
  }

  private Redirect heredocRedirect(int start, int fd, String fdVariable, RedirectOperator op)
      throws ShellSyntaxError {
    int delimStart = pos;
    Word target = requiredWord(WordMode.ASSIGN, "a heredoc delimiter");
    String raw = src.substring(delimStart, pos);
    boolean quoted = raw.indexOf('\'') >= 0 || raw.indexOf('"') >= 0 || raw.indexOf('\\') >= 0;
    String delimiter = target.literal().orElse(null);
    if (delimiter == null || target.startsWithTilde()) {
      throw error(delimStart, "heredoc delimiter must be a plain word");
    }
    int key = o(start);
    Heredoc known = shared.bodies.get(key);
    pending.add(new Pending(key, delimiter, quoted, op == RedirectOperator.HEREDOC_STRIP_TABS));
    return new Redirect(fd, fdVariable, op, target, known, o(start), o(pos));
  }

  @Override
  final void readHeredocBodies() throws ShellSyntaxError {
    List<Pending> now = new ArrayList<>(pending);
    pending.clear();
    for (Pending p : now) {
      Heredoc known = shared.bodies.get(p.operatorOffset());
      if (known != null) {
        pos = known.end() - base;
        continue;
      }
      int bodyStart = pos;
      int bodyEnd = -1;
      while (pos < len) {
        int eol = src.indexOf('\n', pos);
        int lineEnd = eol < 0 ? len : eol;
        int check = pos;
        if (p.stripTabs()) {
          while (check < lineEnd && src.charAt(check) == '\t') {
            check++;
          }
        }
        if (lineEnd - check == p.delimiter().length() && src.startsWith(p.delimiter(), check)) {
          bodyEnd = pos;
          pos = eol < 0 ? len : eol + 1;
          break;
        }
        pos = eol < 0 ? len : eol + 1;
      }
      if (bodyEnd < 0) {
        throw error(bodyStart, "heredoc not closed by '" + p.delimiter() + "'");
      }
      int after = pos;
      Word body;
      if (p.quoted()) {
        String text = src.substring(bodyStart, bodyEnd);
        if (p.stripTabs()) {
          text = text.replaceAll("(?m)^\t+", "");
        }
        body =
            new Word(
                text.isEmpty() ? List.of() : List.of(new Literal(text, o(bodyStart), o(bodyEnd))),
                o(bodyStart),
                o(bodyEnd));
      } else {
        pos = bodyStart;
        int savedLimit = limit;
        boolean savedStrip = stripTabs;
        limit = bodyEnd;
        stripTabs = p.stripTabs();
        List<WordPart> parts = parts(WordMode.HEREDOC, "");
        limit = savedLimit;
        stripTabs = savedStrip;
        if (pos != bodyEnd) {
          throw error(pos, "heredoc body could not be read");
        }
        body = new Word(parts, o(bodyStart), o(bodyEnd));
      }
      pos = after;
      Heredoc h = new Heredoc(p.delimiter(), p.quoted(), body, o(bodyStart), o(after));
      shared.found.put(p.operatorOffset(), h);
      shared.foundNewBodies = true;
    }
  }
}
