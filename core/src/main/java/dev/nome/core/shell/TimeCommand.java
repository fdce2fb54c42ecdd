package dev.nome.core.shell;

/**
 * The {@code time} reserved word before a pipeline ({@code -p} sets {@code posix}). {@code command}
 * is null for a bare {@code time}.
 */
public record TimeCommand(boolean posix, Command command, int start, int end) implements Command {}
