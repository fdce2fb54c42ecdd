package dev.nome.core.risk;

import dev.nome.core.shell.Command;
import dev.nome.core.shell.Word;
import java.util.List;

/**
 * Where a command's standard input comes from, as far as it matters for commands that read code
 * from it (shells and interpreters).
 *
 * @param upstream for {@link Kind#PIPE}: the commands before it in the pipeline
 * @param body for heredocs and here-strings: the text fed in; for {@link Kind#FILE} the file word
 * @param quoted for heredocs: the delimiter was quoted, so the body is taken as is
 */
record Stdin(Kind kind, List<Command> upstream, Word body, boolean quoted) {
  enum Kind {
    /** Inherited: the terminal or whatever ran the command. */
    INHERITED,
    PIPE,
    HEREDOC,
    HERE_STRING,
    FILE
  }

  static final Stdin INHERITED = new Stdin(Kind.INHERITED, List.of(), null, false);

  static Stdin pipe(List<Command> upstream) {
    return new Stdin(Kind.PIPE, upstream, null, false);
  }
}
