package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The character cursor shared by the word and command parsers: position, blanks and comments,
 * nesting depth, errors, and the heredocs waiting for the end of their line.
 *
 * <p>Heredoc bodies follow the line that opens them, after the tree for that line is built. The
 * parser therefore runs twice when the input has heredocs: the first pass records each body (keyed
 * by the offset of its operator), the second builds the tree with the bodies in place.
 */
abstract class Lexer {
  /** The text being parsed (for backtick substitutions, the unescaped inner text). */
  final String src;

  /** The whole original input, for error positions. */
  final String root;

  /** Offset of {@link #src} within {@link #root}, added to every node offset. */
  final int base;

  final int len;
  int pos;

  /** Shared between a parser and the sub-parsers of its backtick substitutions. */
  final Shared shared;

  /** Heredocs whose operator was read and whose body starts after the next newline. */
  final List<Pending> pending = new ArrayList<>();

  Lexer(String src, String root, int base, Shared shared) {
    this.src = src;
    this.root = root;
    this.base = base;
    this.len = src.length();
    this.shared = shared;
  }

  /** State one whole parse shares across passes' sub-parsers. */
  static final class Shared {
    int depth;
    long speculativeWork;

    /** Bodies found in the first pass, by absolute operator offset. */
    final Map<Integer, Heredoc> bodies;

    /** True when this pass read a heredoc body it did not know beforehand. */
    boolean foundNewBodies;

    final Map<Integer, Heredoc> found = new HashMap<>(4);

    Shared(Map<Integer, Heredoc> bodies) {
      this.bodies = bodies;
    }
  }

  /** A heredoc waiting for its body. */
  record Pending(int operatorOffset, String delimiter, boolean quoted, boolean stripTabs) {}

  // ---- positions and errors ----

  final int o(int localOffset) {
    return localOffset + base;
  }

  final ShellSyntaxError error(String reason) {
    return error(pos, reason);
  }

  final ShellSyntaxError error(int at, String reason) {
    return ShellSyntaxError.at(root, o(Math.min(at, len)), reason);
  }

  final void enter() throws ShellSyntaxError {
    if (++shared.depth > ShellParser.MAX_DEPTH) {
      throw error("nesting too deep");
    }
  }

  final void leave() {
    shared.depth--;
  }

  /** Charges speculative re-scanning against a budget linear in the input size. */
  final void chargeSpeculation(int chars) throws ShellSyntaxError {
    shared.speculativeWork += chars;
    if (shared.speculativeWork > 8L * root.length() + 100_000) {
      throw error("input too ambiguous to parse in linear time");
    }
  }

  // ---- characters ----

  final char peek() {
    return pos < len ? src.charAt(pos) : '\0';
  }

  final char peek(int ahead) {
    int i = pos + ahead;
    return i < len ? src.charAt(i) : '\0';
  }

  final boolean atEnd() {
    return pos >= len;
  }

  final boolean at(String s) {
    return src.startsWith(s, pos);
  }

  /** Shell metacharacters end unquoted words. */
  static boolean isMeta(char c) {
    return c < 128 && META[c];
  }

  private static final boolean[] META = new boolean[128];

  static {
    for (char c : " \t\n;&|<>()\0".toCharArray()) {
      META[c] = true;
    }
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  final boolean metaAt(int i) {
    return i >= len || isMeta(src.charAt(i));
  }

  /** Skips blanks, line continuations and a comment (up to, not including, the newline). */
  final void skipBlanks() {
    while (pos < len) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\\' && peek(1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        while (pos < len && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  /** Skips blanks, comments and newlines, reading heredoc bodies at each newline. */
  final void skipBlanksAndNewlines() throws ShellSyntaxError {
    while (true) {
      skipBlanks();
      if (peek() == '\n') {
        newline();
      } else {
        return;
      }
    }
  }

  /** Consumes a newline token; the pending heredoc bodies start right after it. */
  final void newline() throws ShellSyntaxError {
    pos++;
    if (!pending.isEmpty()) {
      readHeredocBodies();
    }
  }

  abstract void readHeredocBodies() throws ShellSyntaxError;

  /**
   * The reserved word at the cursor, if the next token is one written plainly (no quotes or
   * escapes) and followed by a metacharacter; null otherwise.
   */
  final String peekReserved() {
    int i = pos;
    while (i < len) {
      char c = src.charAt(i);
      if ((c >= 'a' && c <= 'z') || c == '{' || c == '}' || c == '[' || c == ']' || c == '!') {
        i++;
      } else {
        break;
      }
    }
    if (i == pos || i - pos > 8 || !metaAt(i)) {
      return null;
    }
    for (String w : RESERVED) {
      if (w.length() == i - pos && src.startsWith(w, pos)) {
        return w;
      }
    }
    return null;
  }

  private static final String[] RESERVED = {
    "if",
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
    "{",
    "}",
    "[[",
    "]]",
    "!"
  };

  /** Consumes the given reserved word (already checked with {@link #peekReserved()}). */
  final void consume(String word) {
    pos += word.length();
  }

  final void expectReserved(String word) throws ShellSyntaxError {
    skipBlanksAndNewlines();
    if (!word.equals(peekReserved())) {
      throw error("expected '" + word + "'" + found());
    }
    consume(word);
  }

  final String found() {
    if (atEnd()) {
      return " at end of input";
    }
    char c = peek();
    return c == '\n' ? " before end of line" : " before '" + c + "'";
  }
}
