package dev.nome.core.shell;

/**
 * Literal text after escape processing: {@code \-} gave {@code -}, a backslash-newline gave
 * nothing. Unquoted glob characters are never inside a literal (they are {@link Glob} parts), so a
 * {@code *} here was escaped or quoted.
 */
public record Literal(String value, int start, int end) implements WordPart {}
