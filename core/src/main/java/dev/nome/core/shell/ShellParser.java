package dev.nome.core.shell;

/**
 * Parses bash source into a {@link Script}. Never throws anything but {@link ShellSyntaxError},
 * never hangs, and runs in time linear in the input (at most {@link #MAX_SOURCE_LENGTH} characters,
 * nesting at most {@link #MAX_DEPTH} levels deep).
 */
public final class ShellParser {
  /** Longest accepted input, in characters. */
  public static final int MAX_SOURCE_LENGTH = 4 * 1024 * 1024;

  /** Deepest accepted nesting of commands, substitutions and expansions. */
  public static final int MAX_DEPTH = 200;

  private ShellParser() {}

  /** Parses a whole script (one command or many). */
  public static Script parse(String source) throws ShellSyntaxError {
    if (source == null) {
      throw new ShellSyntaxError("no input", 0, 1, 1);
    }
    if (source.length() > MAX_SOURCE_LENGTH) {
      throw ShellSyntaxError.at(source, MAX_SOURCE_LENGTH, "input too large");
    }
    try {
      return Parser.parse(source);
    } catch (ShellSyntaxError e) {
      throw e;
    } catch (StackOverflowError | RuntimeException e) {
      // Fail closed: any internal failure is reported as input we do not understand.
      throw ShellSyntaxError.at(
          source, 0, "internal parser failure: " + e.getClass().getSimpleName());
    }
  }
}
