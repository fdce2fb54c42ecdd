package dev.nome.core.shell;

/** {@code $(( expression ))}. */
public record ArithmeticExpansion(Arithmetic expression, int start, int end) implements WordPart {}
