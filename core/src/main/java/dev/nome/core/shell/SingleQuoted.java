package dev.nome.core.shell;

/** {@code '...'}: the text between the quotes, taken as is. */
public record SingleQuoted(String value, int start, int end) implements WordPart {}
