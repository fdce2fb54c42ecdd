package dev.nome.core.shell;

import java.util.List;

/**
 * A compound command. Redirections written after it ({@code { a; b; } > out}) apply to every
 * command inside and are kept here.
 */
public sealed interface CompoundCommand extends Command
    permits Subshell,
        BraceGroup,
        IfCommand,
        WhileCommand,
        ForCommand,
        ArithForCommand,
        CaseCommand,
        TestCommand,
        ArithmeticCommand {
  /** Redirections applying to the whole compound command, in source order. */
  List<Redirect> redirects();
}
