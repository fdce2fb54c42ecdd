package dev.nome.core.shell;

/** {@code ! pipeline}: inverts the exit status. */
public record Negation(Command command, int start, int end) implements Command {}
