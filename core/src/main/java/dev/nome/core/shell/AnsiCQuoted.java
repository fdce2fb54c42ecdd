package dev.nome.core.shell;

/**
 * {@code $'...'}: {@code raw} is the text between the quotes as written, {@code value} the string
 * after bash decodes its escapes ({@code \x72} is {@code r}, {@code \n} a newline...).
 */
public record AnsiCQuoted(String raw, String value, int start, int end) implements WordPart {}
