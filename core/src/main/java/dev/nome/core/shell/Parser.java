package dev.nome.core.shell;

/** The recursive-descent parser (work in progress). */
final class Parser {
  private final String src;

  Parser(String src) {
    this.src = src;
  }

  Script parseScript() throws ShellSyntaxError {
    throw ShellSyntaxError.at(src, 0, "parser not implemented yet");
  }
}
