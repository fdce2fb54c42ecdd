package dev.nome.core.shell;

/**
 * An arithmetic expression, as in {@code (( ))}, {@code $(( ))} and C-style {@code for}: {@code
 * text} is the source between the delimiters, {@code word} the same text parsed like a
 * double-quoted string (so its expansions and substitutions are visible to the walker). Bash
 * evaluates the text as code: variable names in it are expanded recursively and array subscripts
 * can run command substitutions.
 */
public record Arithmetic(String text, Word word, int start, int end) implements Node {}
