package dev.nome.core.shell;

/**
 * Any node of the shell syntax tree. Offsets are character indexes into the parsed source: {@code
 * start} inclusive, {@code end} exclusive. Nodes are immutable records; two trees with the same
 * shape but different offsets are not {@code equals}.
 */
public sealed interface Node
    permits Script,
        Statement,
        Command,
        WordPart,
        Redirect,
        Heredoc,
        ArrayElement,
        IfBranch,
        CaseItem,
        TestExpression,
        Arithmetic,
        DeclarationOperand {
  /** Offset of the first character of this node. */
  int start();

  /** Offset just past the last character of this node. */
  int end();
}
