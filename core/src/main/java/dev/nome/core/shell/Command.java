package dev.nome.core.shell;

/** Anything that can stand where bash expects a command. */
public sealed interface Command extends Node
    permits Invocation,
        CompoundCommand,
        Pipeline,
        Negation,
        AndOr,
        TimeCommand,
        CoprocCommand,
        FunctionDefinition {}
