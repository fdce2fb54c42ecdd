package dev.nome.core.shell;

import java.util.List;
import java.util.Optional;

/**
 * A command that runs a program, function or builtin by name: a {@link SimpleCommand} or a {@link
 * DeclarationCommand}. The walker reports every one of these, wherever it sits in the tree.
 */
public sealed interface Invocation extends Command permits SimpleCommand, DeclarationCommand {
  /** Assignments written before the command name ({@code A=1 B=2 cmd}). */
  List<Assignment> assignments();

  /** Redirections attached to this command, in source order. */
  List<Redirect> redirects();

  /** The word naming the command, if any (a command of only assignments has none). */
  Optional<Word> commandName();
}
