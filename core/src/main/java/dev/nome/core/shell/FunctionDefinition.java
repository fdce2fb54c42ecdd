package dev.nome.core.shell;

/**
 * {@code name() body} or {@code function name [()] body}. {@code keyword} records the {@code
 * function} form and {@code parentheses} whether {@code ()} was written. The body is a compound
 * command; its redirections apply each time the function runs.
 */
public record FunctionDefinition(
    String name, boolean keyword, boolean parentheses, CompoundCommand body, int start, int end)
    implements Command {}
