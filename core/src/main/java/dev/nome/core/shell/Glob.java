package dev.nome.core.shell;

/**
 * Unquoted pattern characters: {@code *}, {@code ?} or a bracket expression {@code [...]}, as
 * written. They make the word a pathname pattern (or a match pattern in {@code case} and {@code [[
 * ]]}).
 */
public record Glob(String pattern, int start, int end) implements WordPart {}
