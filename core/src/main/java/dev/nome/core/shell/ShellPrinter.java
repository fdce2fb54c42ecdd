package dev.nome.core.shell;

/**
 * Renders a tree back to shell source such that parsing the output gives the same tree, offsets
 * aside. Comments are not kept and layout is canonical (one space between words, {@code ;} between
 * statements, heredoc bodies after the line that opens them).
 */
public final class ShellPrinter {
  private ShellPrinter() {}

  /** The source text of a script. */
  public static String print(Script script) {
    throw new UnsupportedOperationException("printer not implemented yet");
  }
}
