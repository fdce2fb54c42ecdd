package dev.nome.core.shell;

import java.util.List;

/** A whole parsed input: its statements in order. Comments are not kept. */
public record Script(List<Statement> statements, int start, int end) implements Node {
  public Script {
    statements = List.copyOf(statements);
  }
}
