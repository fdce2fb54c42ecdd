package dev.nome.core.shell;

/**
 * {@code coproc [NAME] command}: runs the command asynchronously with pipes to it. {@code name} is
 * null when not given (it is only allowed before a compound command).
 */
public record CoprocCommand(String name, Command body, int start, int end) implements Command {}
