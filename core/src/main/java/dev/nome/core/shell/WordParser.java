package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads words and everything inside them: quotes, escapes, parameter expansions, command,
 * arithmetic and process substitutions, brace expansions, globs and tilde prefixes. Literal text
 * comes out after quote removal and escape processing, the way bash passes it on.
 */
abstract class WordParser extends Lexer {
  /** When reading an unquoted heredoc body, the offset where the body ends; else -1. */
  int limit = -1;

  /** True while reading a heredoc body with leading tabs stripped ({@code <<-}). */
  boolean stripTabs;

  WordParser(String src, String root, int base, Shared shared) {
    super(src, root, base, shared);
  }

  /** Parses the commands of {@code $(...)} or {@code <(...)} up to (not past) the {@code )}. */
  abstract Script parseNested() throws ShellSyntaxError;

  /** Parses the unescaped text of a backtick substitution that started at {@code innerBase}. */
  abstract Script parseBacktick(String inner, int innerBase) throws ShellSyntaxError;

  /** Reads one word; its parts are empty when the cursor is at a word's end already. */
  final Word word(WordMode mode) throws ShellSyntaxError {
    int start = pos;
    List<WordPart> parts = parts(mode, "");
    return new Word(parts, o(start), o(pos));
  }

  /** Reads a word that must not be empty. */
  final Word requiredWord(WordMode mode, String what) throws ShellSyntaxError {
    Word w = word(mode);
    if (w.parts().isEmpty()) {
      throw error("expected " + what + found());
    }
    return w;
  }

  /** Characters that never start anything special inside an unquoted word. */
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = true;
      PLAIN[Character.toUpperCase(c)] = true;
    }
    for (char c : "0123456789-./_=:%^".toCharArray()) {
      PLAIN[c] = true;
    }
  }

  final List<WordPart> parts(WordMode mode, String stops) throws ShellSyntaxError {
    if (mode == WordMode.NORMAL || mode == WordMode.TEST || mode == WordMode.PATTERN) {
      // Fast path for the common plain word: one literal, no escapes or expansions.
      int i = pos;
      while (i < len && src.charAt(i) < 128 && PLAIN[src.charAt(i)]) {
        i++;
      }
      boolean ends =
          i >= len
              || (isMeta(src.charAt(i))
                  && !((src.charAt(i) == '<' || src.charAt(i) == '>')
                      && i + 1 < len
                      && src.charAt(i + 1) == '('));
      if (i > pos && ends && (limit < 0 || i <= limit)) {
        Literal l = new Literal(src.substring(pos, i), o(pos), o(i));
        pos = i;
        return List.of(l);
      }
    }
    List<WordPart> parts = new ArrayList<>(2);
    StringBuilder lit = new StringBuilder();
    int litStart = pos;
    int wordStart = pos;
    int regexDepth = 0;
    loop:
    while (pos < len && (limit < 0 || pos < limit)) {
      char c = src.charAt(pos);
      switch (mode) {
        case NORMAL, ASSIGN, PATTERN, TEST, BRACE_ITEM -> {
          if (isMeta(c)) {
            if ((c == '<' || c == '>')
                && peek(1) == '('
                && (mode == WordMode.NORMAL || mode == WordMode.TEST || mode == WordMode.PATTERN)) {
              litStart = flush(parts, lit, litStart);
              parts.add(processSubstitution());
              litStart = pos;
              continue;
            }
            break loop;
          }
          if (mode == WordMode.BRACE_ITEM && (c == ',' || c == '}')) {
            break loop;
          }
        }
        case REGEX -> {
          if (c == ' ' || c == '\t' || c == '\n') {
            break loop;
          }
          if (c == '(') {
            regexDepth++;
          } else if (c == ')') {
            if (regexDepth == 0) {
              break loop;
            }
            regexDepth--;
          } else if (regexDepth == 0
              && (c == ';' || (c == '&' && peek(1) == '&') || (c == '|' && peek(1) == '|'))) {
            break loop;
          }
        }
        case PARAM, PARAM_PATTERN -> {
          if (c == '}' || stops.indexOf(c) >= 0) {
            break loop;
          }
        }
        case DQ -> {
          if (c == '"') {
            break loop;
          }
        }
        case HEREDOC -> {
          if (stripTabs && c == '\t' && (pos == 0 || src.charAt(pos - 1) == '\n')) {
            while (pos < len && src.charAt(pos) == '\t') {
              pos++;
            }
            continue;
          }
        }
      }
      switch (c) {
        case '\\' -> {
          char n = peek(1);
          if (n == '\n') {
            pos += 2;
            continue;
          }
          if (pos + 1 >= len || (limit >= 0 && pos + 1 >= limit)) {
            lit.append('\\');
            pos++;
            continue;
          }
          if (mode.quoted()) {
            boolean escapes =
                n == '$' || n == '`' || n == '\\' || (mode == WordMode.DQ && n == '"');
            if (escapes) {
              lit.append(n);
              pos += 2;
            } else {
              lit.append('\\');
              pos++;
            }
          } else {
            lit.append(n);
            pos += 2;
          }
          continue;
        }
        case '\'' -> {
          if (!mode.quoted()) {
            litStart = flush(parts, lit, litStart);
            parts.add(singleQuoted());
            litStart = pos;
            continue;
          }
        }
        case '"' -> {
          if (!mode.quoted()) {
            litStart = flush(parts, lit, litStart);
            parts.add(doubleQuoted());
            litStart = pos;
            continue;
          }
        }
        case '$' -> {
          int at = pos;
          WordPart p = dollar(mode);
          if (p != null) {
            flushAt(parts, lit, litStart, at);
            parts.add(p);
            litStart = pos;
            continue;
          }
        }
        case '`' -> {
          litStart = flush(parts, lit, litStart);
          parts.add(backtick(mode == WordMode.DQ));
          litStart = pos;
          continue;
        }
        case '*', '?' -> {
          if (mode.globs) {
            litStart = flush(parts, lit, litStart);
            if (peek(1) == '(') {
              parts.add(extglob());
            } else {
              parts.add(new Glob(String.valueOf(c), o(pos), o(pos + 1)));
              pos++;
            }
            litStart = pos;
            continue;
          }
        }
        case '+', '@', '!' -> {
          if (mode.globs && peek(1) == '(') {
            litStart = flush(parts, lit, litStart);
            parts.add(extglob());
            litStart = pos;
            continue;
          }
        }
        case '[' -> {
          if (mode.globs) {
            int at = pos;
            Glob g = bracket();
            if (g != null) {
              flushAt(parts, lit, litStart, at);
              parts.add(g);
              litStart = pos;
              continue;
            }
          }
        }
        case '{' -> {
          if (mode.braces) {
            int at = pos;
            BraceExpansion b = brace();
            if (b != null) {
              flushAt(parts, lit, litStart, at);
              parts.add(b);
              litStart = pos;
              continue;
            }
          }
        }
        case '~' -> {
          if (mode.tilde
              && (pos == wordStart
                  || (mode == WordMode.ASSIGN && src.charAt(pos - 1) == ':' && lit.length() > 0)
                  || (mode == WordMode.NORMAL
                      && lit.length() > 0
                      && assignmentLikeBefore(wordStart, pos)))) {
            int at = pos;
            Tilde t = tilde(mode);
            if (t != null) {
              flushAt(parts, lit, litStart, at);
              parts.add(t);
              litStart = pos;
              continue;
            }
          }
        }
        default -> {}
      }
      if (lit.length() == 0) {
        litStart = pos;
      }
      // Take the whole run of ordinary characters at once.
      int run = pos + 1;
      int runEnd = limit >= 0 ? Math.min(limit, len) : len;
      while (run < runEnd) {
        char r = src.charAt(run);
        if (r >= 128 || !PLAIN[r] || (!stops.isEmpty() && stops.indexOf(r) >= 0)) {
          break;
        }
        run++;
      }
      lit.append(src, pos, run);
      pos = run;
    }
    flush(parts, lit, litStart);
    return parts;
  }

  /**
   * True when {@code [from, at)} is written {@code name=...} or {@code name+=...} and ends in
   * {@code =} or {@code :}: bash expands a tilde there even in an argument ({@code echo a=~/x}).
   */
  private boolean assignmentLikeBefore(int from, int at) {
    char prev = src.charAt(at - 1);
    if ((prev != '=' && prev != ':') || !isNameStart(src.charAt(from))) {
      return false;
    }
    int i = from;
    while (i < at && isNameChar(src.charAt(i))) {
      i++;
    }
    if (i < at && src.charAt(i) == '+') {
      i++;
    }
    if (i >= at || src.charAt(i) != '=') {
      return false;
    }
    for (int j = i + 1; j < at - 1; j++) {
      if (!(src.charAt(j) < 128 && PLAIN[src.charAt(j)])) {
        return false;
      }
    }
    return true;
  }

  private int flush(List<WordPart> parts, StringBuilder lit, int litStart) {
    flushAt(parts, lit, litStart, pos);
    return pos;
  }

  private void flushAt(List<WordPart> parts, StringBuilder lit, int litStart, int end) {
    if (lit.length() > 0) {
      parts.add(new Literal(lit.toString(), o(litStart), o(end)));
      lit.setLength(0);
    }
  }

  // ---- quotes ----

  private SingleQuoted singleQuoted() throws ShellSyntaxError {
    int start = pos;
    int close = src.indexOf('\'', pos + 1);
    if (close < 0 || (limit >= 0 && close >= limit)) {
      throw error(start, "unterminated single quote");
    }
    pos = close + 1;
    return new SingleQuoted(src.substring(start + 1, close), o(start), o(pos));
  }

  private DoubleQuoted doubleQuoted() throws ShellSyntaxError {
    int start = pos;
    pos++;
    enter();
    List<WordPart> inner = parts(WordMode.DQ, "");
    leave();
    if (peek() != '"') {
      throw error(start, "unterminated double quote");
    }
    pos++;
    return new DoubleQuoted(inner, o(start), o(pos));
  }

  private WordPart ansiC() throws ShellSyntaxError {
    int start = pos;
    int i = pos + 2;
    while (i < len && src.charAt(i) != '\'') {
      i += src.charAt(i) == '\\' ? 2 : 1;
    }
    if (i >= len) {
      throw error(start, "unterminated $'...' string");
    }
    String raw = src.substring(start + 2, i);
    pos = i + 1;
    return new AnsiCQuoted(raw, AnsiC.decode(raw), o(start), o(pos));
  }

  private WordPart locale() throws ShellSyntaxError {
    int start = pos;
    pos += 2;
    enter();
    List<WordPart> inner = parts(WordMode.DQ, "");
    leave();
    if (peek() != '"') {
      throw error(start, "unterminated $\"...\" string");
    }
    pos++;
    return new LocaleQuoted(inner, o(start), o(pos));
  }

  // ---- dollar forms ----

  private WordPart dollar(WordMode mode) throws ShellSyntaxError {
    char n = peek(1);
    int start = pos;
    switch (n) {
      case '\'' -> {
        return mode.quoted() || mode == WordMode.REGEX ? null : ansiC();
      }
      case '"' -> {
        return mode.quoted() ? null : locale();
      }
      case '{' -> {
        return braced();
      }
      case '(' -> {
        if (peek(2) == '(') {
          int save = pos;
          int pendingBefore = pending.size();
          pos += 3;
          enter();
          Arithmetic a = arithmetic(ArithEnd.PARENS);
          leave();
          if (a != null) {
            pos += 2;
            return new ArithmeticExpansion(a, o(start), o(pos));
          }
          if (pending.size() != pendingBefore) {
            throw error(save, "heredoc inside an ambiguous $((");
          }
          chargeSpeculation(pos - save);
          pos = save;
        }
        return commandSubstitution();
      }
      case '[' -> throw error("$[...] arithmetic is not supported; use $((...))");
      default -> {
        if (isNameStart(n)) {
          int i = pos + 1;
          while (i < len && isNameChar(src.charAt(i))) {
            i++;
          }
          pos = i;
          return shortParam(src.substring(start + 1, i), start);
        }
        if (isDigit(n) || "@*#?-$!".indexOf(n) >= 0) {
          pos += 2;
          return shortParam(String.valueOf(n), start);
        }
        return null;
      }
    }
  }

  private ParameterExpansion shortParam(String name, int start) {
    return new ParameterExpansion(
        false, name, null, false, false, ParameterOperator.NONE, null, null, o(start), o(pos));
  }

  private CommandSubstitution commandSubstitution() throws ShellSyntaxError {
    int start = pos;
    pos += 2;
    enter();
    Script s = parseNested();
    leave();
    if (peek() != ')') {
      throw error(start, "unterminated $(...)");
    }
    pos++;
    return new CommandSubstitution(s, false, o(start), o(pos));
  }

  private ProcessSubstitution processSubstitution() throws ShellSyntaxError {
    int start = pos;
    boolean output = peek() == '>';
    pos += 2;
    enter();
    Script s = parseNested();
    leave();
    if (peek() != ')') {
      throw error(start, "unterminated process substitution");
    }
    pos++;
    return new ProcessSubstitution(output, s, o(start), o(pos));
  }

  private CommandSubstitution backtick(boolean inDoubleQuotes) throws ShellSyntaxError {
    int start = pos;
    StringBuilder inner = new StringBuilder();
    int i = pos + 1;
    while (true) {
      if (i >= len || (limit >= 0 && i >= limit)) {
        throw error(start, "unterminated backtick substitution");
      }
      char c = src.charAt(i);
      if (c == '`') {
        break;
      }
      if (c == '\\' && i + 1 < len) {
        char n = src.charAt(i + 1);
        if (n == '$' || n == '`' || n == '\\' || (inDoubleQuotes && n == '"')) {
          inner.append(n);
        } else {
          inner.append(c).append(n);
        }
        i += 2;
        continue;
      }
      inner.append(c);
      i++;
    }
    enter();
    Script s = parseBacktick(inner.toString(), o(start + 1));
    leave();
    pos = i + 1;
    return new CommandSubstitution(s, true, o(start), o(pos));
  }

  private ParameterExpansion braced() throws ShellSyntaxError {
    int start = pos;
    pos += 2;
    enter();
    try {
      boolean length = false;
      boolean indirect = false;
      char c = peek();
      if (c == '#' && peek(1) != '}' && !(peek(1) == ':' || peek(1) == '-' && peek(2) != '}')) {
        length = true;
        pos++;
      } else if (c == '!' && peek(1) != '}') {
        indirect = true;
        pos++;
      }
      String name = name();
      Word index = null;
      if (peek() == '[') {
        pos++;
        Arithmetic a = arithmetic(ArithEnd.BRACKET);
        pos++;
        index = a.word();
      }
      ParameterOperator op = ParameterOperator.NONE;
      Word operand = null;
      Word operand2 = null;
      c = peek();
      if (indirect && (c == '*' || c == '@') && peek(1) == '}') {
        op = c == '*' ? ParameterOperator.NAMES_STAR : ParameterOperator.NAMES_AT;
        pos++;
      } else if (c != '}') {
        if (length) {
          throw error("bad substitution: ${#...} takes no operator");
        }
        switch (c) {
          case ':' -> {
            char n = peek(1);
            switch (n) {
              case '-' -> op = ParameterOperator.DEFAULT;
              case '=' -> op = ParameterOperator.ASSIGN;
              case '?' -> op = ParameterOperator.ERROR;
              case '+' -> op = ParameterOperator.ALTERNATE;
              default -> op = ParameterOperator.SUBSTRING;
            }
            if (op == ParameterOperator.SUBSTRING) {
              pos++;
              operand = arithmetic(ArithEnd.COLON_OR_BRACE).word();
              if (peek() == ':') {
                pos++;
                operand2 = arithmetic(ArithEnd.BRACE).word();
              }
            } else {
              pos += 2;
              operand = operand(WordMode.PARAM, "");
            }
          }
          case '-', '=', '?', '+' -> {
            op =
                switch (c) {
                  case '-' -> ParameterOperator.DEFAULT_UNSET;
                  case '=' -> ParameterOperator.ASSIGN_UNSET;
                  case '?' -> ParameterOperator.ERROR_UNSET;
                  default -> ParameterOperator.ALTERNATE_UNSET;
                };
            pos++;
            operand = operand(WordMode.PARAM, "");
          }
          case '#', '%' -> {
            boolean twice = peek(1) == c;
            op =
                c == '#'
                    ? (twice
                        ? ParameterOperator.REMOVE_LONGEST_PREFIX
                        : ParameterOperator.REMOVE_SHORTEST_PREFIX)
                    : (twice
                        ? ParameterOperator.REMOVE_LONGEST_SUFFIX
                        : ParameterOperator.REMOVE_SHORTEST_SUFFIX);
            pos += twice ? 2 : 1;
            operand = operand(WordMode.PARAM_PATTERN, "");
          }
          case '/' -> {
            char n = peek(1);
            op =
                switch (n) {
                  case '/' -> ParameterOperator.REPLACE_ALL;
                  case '#' -> ParameterOperator.REPLACE_PREFIX;
                  case '%' -> ParameterOperator.REPLACE_SUFFIX;
                  default -> ParameterOperator.REPLACE_FIRST;
                };
            pos += op == ParameterOperator.REPLACE_FIRST ? 1 : 2;
            operand = operand(WordMode.PARAM_PATTERN, "/");
            if (peek() == '/') {
              pos++;
              operand2 = operand(WordMode.PARAM, "");
            }
          }
          case '^', ',' -> {
            boolean twice = peek(1) == c;
            op =
                c == '^'
                    ? (twice ? ParameterOperator.UPPER_ALL : ParameterOperator.UPPER_FIRST)
                    : (twice ? ParameterOperator.LOWER_ALL : ParameterOperator.LOWER_FIRST);
            pos += twice ? 2 : 1;
            if (peek() != '}') {
              operand = operand(WordMode.PARAM_PATTERN, "");
            }
          }
          case '@' -> {
            char t = peek(1);
            if ("QEPAKaUuLk".indexOf(t) < 0 || t == '\0') {
              throw error("bad substitution: unknown transformation");
            }
            op = ParameterOperator.TRANSFORM;
            operand =
                new Word(
                    List.of(new Literal(String.valueOf(t), o(pos + 1), o(pos + 2))),
                    o(pos + 1),
                    o(pos + 2));
            pos += 2;
          }
          default -> throw error("bad substitution");
        }
      }
      if (peek() != '}') {
        throw error(start, "unterminated ${...}");
      }
      pos++;
      return new ParameterExpansion(
          true, name, index, length, indirect, op, operand, operand2, o(start), o(pos));
    } finally {
      leave();
    }
  }

  private String name() throws ShellSyntaxError {
    int start = pos;
    char c = peek();
    if (isNameStart(c)) {
      while (isNameChar(peek())) {
        pos++;
      }
    } else if (isDigit(c)) {
      while (isDigit(peek())) {
        pos++;
      }
    } else if ("@*#?-$!0".indexOf(c) >= 0 && c != '\0') {
      pos++;
    } else {
      throw error("bad substitution");
    }
    return src.substring(start, pos);
  }

  private Word operand(WordMode mode, String stops) throws ShellSyntaxError {
    int start = pos;
    List<WordPart> p = parts(mode, stops);
    return new Word(p, o(start), o(pos));
  }

  // ---- arithmetic ----

  /** What ends an arithmetic expression (the terminator itself is not consumed). */
  enum ArithEnd {
    /** {@code ))}; a lone {@code )} means it was not arithmetic after all. */
    PARENS,
    /** {@code ;} of a C-style for. */
    SEMI,
    /** {@code ]} of a subscript. */
    BRACKET,
    /** {@code :} or {@code }} of a substring offset. */
    COLON_OR_BRACE,
    /** {@code }} of a substring length. */
    BRACE
  }

  /**
   * Reads arithmetic text up to its terminator; null (for {@link ArithEnd#PARENS} only) when a lone
   * {@code )} shows the text was a nested subshell instead.
   */
  final Arithmetic arithmetic(ArithEnd end) throws ShellSyntaxError {
    int start = pos;
    int depth = 0;
    int brackets = 0;
    List<WordPart> parts = new ArrayList<>(2);
    StringBuilder lit = new StringBuilder();
    int litStart = pos;
    while (true) {
      if (pos >= len) {
        throw error(start, "unterminated arithmetic expression");
      }
      char c = src.charAt(pos);
      if (depth == 0 && brackets == 0) {
        boolean done =
            switch (end) {
              case PARENS -> c == ')';
              case SEMI -> c == ';';
              case BRACKET -> c == ']';
              case COLON_OR_BRACE -> c == ':' || c == '}';
              case BRACE -> c == '}';
            };
        if (done) {
          if (end == ArithEnd.PARENS && peek(1) != ')') {
            return null;
          }
          break;
        }
      }
      switch (c) {
        case '(' -> depth++;
        case ')' -> {
          if (depth == 0) {
            throw error("unbalanced ')' in arithmetic expression");
          }
          depth--;
        }
        case '[' -> brackets++;
        case ']' -> brackets = Math.max(0, brackets - 1);
        case '\\' -> {
          char n = peek(1);
          if (n == '\n') {
            pos += 2;
            continue;
          }
          if (n == '$' || n == '`' || n == '\\' || n == '"') {
            if (lit.length() == 0) {
              litStart = pos;
            }
            lit.append(n);
            pos += 2;
            continue;
          }
        }
        case '$', '`', '"', '\'' -> {
          int at = pos;
          WordPart p =
              switch (c) {
                case '$' -> dollar(WordMode.DQ);
                case '`' -> backtick(false);
                case '"' -> doubleQuoted();
                default -> singleQuoted();
              };
          if (p != null) {
            flushAt(parts, lit, litStart, at);
            parts.add(p);
            litStart = pos;
            continue;
          }
        }
        default -> {}
      }
      if (lit.length() == 0) {
        litStart = pos;
      }
      lit.append(c);
      pos++;
    }
    flush(parts, lit, litStart);
    Word w = new Word(parts, o(start), o(pos));
    return new Arithmetic(src.substring(start, pos), w, o(start), o(pos));
  }

  // ---- patterns, braces, tilde ----

  private ExtGlob extglob() throws ShellSyntaxError {
    int start = pos;
    char op = src.charAt(pos);
    int i = pos + 2;
    int depth = 1;
    while (true) {
      if (i >= len) {
        throw error(start, "unterminated extended pattern");
      }
      char c = src.charAt(i);
      if ("'\"$`\\\n".indexOf(c) >= 0) {
        throw error(i, "quotes or expansions inside an extended pattern are not supported");
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        break;
      }
      i++;
    }
    String pattern = src.substring(pos + 2, i);
    if (op == '*' && metaAt(i + 1) && looksLikeZshQualifier(pattern)) {
      throw error(start, "zsh glob qualifiers are not bash");
    }
    pos = i + 1;
    return new ExtGlob(op, pattern, o(start), o(pos));
  }

  private static boolean looksLikeZshQualifier(String p) {
    if (p.isEmpty()) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (".:/@=p*%rwxAIERWXsStfeugamcoOLNDnFTU^-[]0123456789,+#".indexOf(p.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Offset of the metacharacter where the last bracket scan failed (no ']' before it). */
  private int bracketFailedAt = -1;

  private Glob bracket() {
    int start = pos;
    if (pos < bracketFailedAt) {
      return null;
    }
    int i = pos + 1;
    if (i < len && (src.charAt(i) == '!' || src.charAt(i) == '^')) {
      i++;
    }
    if (i < len && src.charAt(i) == ']') {
      i++;
    }
    while (i < len) {
      char c = src.charAt(i);
      if (c == ']') {
        pos = i + 1;
        return new Glob(src.substring(start, pos), o(start), o(pos));
      }
      if (c == '[' && i + 1 < len && src.charAt(i + 1) == ':') {
        int close = src.indexOf(":]", i + 2);
        if (close > 0 && close - i < 16) {
          i = close + 2;
          continue;
        }
      }
      if (c == '\\' && i + 1 < len && src.charAt(i + 1) == '\n') {
        // A line continuation is removed before the word is read: it quotes nothing.
        i += 2;
        continue;
      }
      if (isMeta(c)) {
        bracketFailedAt = i;
        return null;
      }
      if ("'\"\\$`".indexOf(c) >= 0) {
        // Quoted text inside brackets still matches files: keep the word marked as a pattern
        // (conservatively, by its '[' alone).
        pos = start + 1;
        return new Glob("[", o(start), o(pos));
      }
      i++;
    }
    bracketFailedAt = len;
    return null;
  }

  private BraceExpansion brace() throws ShellSyntaxError {
    int start = pos;
    if (peek(1) == '}') {
      return null;
    }
    int pendingBefore = pending.size();
    pos++;
    List<Word> items = new ArrayList<>();
    boolean comma = false;
    boolean closed = false;
    enter();
    try {
      while (true) {
        int itemStart = pos;
        List<WordPart> p = parts(WordMode.BRACE_ITEM, "");
        items.add(new Word(p, o(itemStart), o(pos)));
        char c = peek();
        if (c == ',' && pos < len) {
          comma = true;
          pos++;
        } else if (c == '}' && pos < len) {
          pos++;
          closed = true;
          break;
        } else {
          break;
        }
      }
    } finally {
      leave();
    }
    if (closed && comma) {
      return new BraceExpansion(false, items, o(start), o(pos));
    }
    if (closed) {
      BraceExpansion seq = sequence(start + 1, pos - 1, start);
      if (seq != null) {
        return seq;
      }
    }
    if (pending.size() != pendingBefore) {
      throw error(start, "heredoc inside an ambiguous brace");
    }
    chargeSpeculation(pos - start);
    pos = start;
    return null;
  }

  private BraceExpansion sequence(int from, int to, int start) {
    String text = src.substring(from, to);
    String[] pieces = text.split("\\.\\.", -1);
    if (pieces.length < 2 || pieces.length > 3) {
      return null;
    }
    boolean numbers = isInteger(pieces[0]) && isInteger(pieces[1]);
    boolean letters = isLetter(pieces[0]) && isLetter(pieces[1]);
    if (!(numbers || letters) || (pieces.length == 3 && !isInteger(pieces[2]))) {
      return null;
    }
    List<Word> items = new ArrayList<>();
    int at = from;
    for (String piece : pieces) {
      items.add(
          new Word(
              List.of(new Literal(piece, o(at), o(at + piece.length()))),
              o(at),
              o(at + piece.length())));
      at += piece.length() + 2;
    }
    return new BraceExpansion(true, items, o(start), o(pos));
  }

  private static boolean isInteger(String s) {
    int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    if (i >= s.length() || s.length() > 18) {
      return false;
    }
    for (; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(String s) {
    return s.length() == 1
        && ((s.charAt(0) >= 'a' && s.charAt(0) <= 'z')
            || (s.charAt(0) >= 'A' && s.charAt(0) <= 'Z'));
  }

  private Tilde tilde(WordMode mode) {
    int start = pos;
    int i = pos + 1;
    if (i < len && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
      i++;
    } else {
      while (i < len) {
        char c = src.charAt(i);
        if (isNameChar(c) || c == '.' || c == '-') {
          i++;
        } else {
          break;
        }
      }
    }
    boolean ends =
        i >= len
            || src.charAt(i) == '/'
            || isMeta(src.charAt(i))
            || (mode == WordMode.ASSIGN && src.charAt(i) == ':')
            || (mode == WordMode.PATTERN && src.charAt(i) == '|');
    if (!ends) {
      return null;
    }
    pos = i;
    return new Tilde(src.substring(start + 1, i), o(start), o(pos));
  }
}
