package dev.nome.core.shell;

/**
 * An extended pattern {@code ?(...)}, {@code *(...)}, {@code +(...)}, {@code @(...)} or {@code
 * !(...)}: {@code operator} is the leading character and {@code pattern} the text between the
 * parentheses as written (it never holds quotes or expansions; such patterns are refused).
 */
public record ExtGlob(char operator, String pattern, int start, int end) implements WordPart {}
