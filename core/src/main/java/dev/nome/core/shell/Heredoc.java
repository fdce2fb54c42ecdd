package dev.nome.core.shell;

/**
 * The body of a heredoc. {@code delimiter} is the delimiter after quote removal. When {@code
 * quoted} (any part of the delimiter was quoted or escaped) the body is taken as is and {@code
 * body} holds one literal; otherwise it is expanded like a double-quoted string and {@code body}
 * holds its parameter expansions and command substitutions.
 */
public record Heredoc(String delimiter, boolean quoted, Word body, int start, int end)
    implements Node {}
