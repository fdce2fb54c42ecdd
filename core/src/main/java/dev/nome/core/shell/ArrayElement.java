package dev.nome.core.shell;

/** One element of an array assignment: {@code value} or {@code [index]=value} (index non-null). */
public record ArrayElement(Word index, Word value, int start, int end) implements Node {}
