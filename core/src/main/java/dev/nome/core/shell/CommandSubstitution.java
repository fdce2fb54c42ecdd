package dev.nome.core.shell;

/** {@code $(...)} or, when {@code backtick}, {@code `...`}: the parsed commands inside. */
public record CommandSubstitution(Script script, boolean backtick, int start, int end)
    implements WordPart {}
