package dev.nome.core.shell;

/**
 * {@code <(...)} (the command's output is read: {@code output} false) or {@code >(...)} (the
 * command reads what is written: {@code output} true).
 */
public record ProcessSubstitution(boolean output, Script script, int start, int end)
    implements WordPart {}
