package dev.nome.core.shell;

/**
 * The input is not shell the parser fully understands: a syntax error, zsh-only syntax, a construct
 * we refuse, or input too deeply nested or too large. Callers must treat it as the most dangerous
 * case.
 */
public final class ShellSyntaxError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final int line;
  private final int column;
  private final String reason;

  public ShellSyntaxError(String reason, int offset, int line, int column) {
    super(line + ":" + column + ": " + reason);
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }

  /** Creates an error at an offset of a source, computing its line and column (1-based). */
  static ShellSyntaxError at(String source, int offset, String reason) {
    int clamped = Math.max(0, Math.min(offset, source.length()));
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < clamped; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new ShellSyntaxError(reason, clamped, line, clamped - lineStart + 1);
  }

  /** Character offset of the problem in the source. */
  public int offset() {
    return offset;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
