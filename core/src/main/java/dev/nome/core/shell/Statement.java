package dev.nome.core.shell;

/**
 * One element of a command list, ended by {@code ;}, a newline, {@code &} or the end of its list.
 * {@code background} is true when it was ended by {@code &}.
 */
public record Statement(Command command, boolean background, int start, int end) implements Node {}
