package dev.nome.core.shell;

/**
 * A piece of a {@link Word}. Adjacent pieces join without spaces: {@code r''m} is a literal, an
 * empty single-quoted part and another literal.
 */
public sealed interface WordPart extends Node
    permits Literal,
        SingleQuoted,
        DoubleQuoted,
        AnsiCQuoted,
        LocaleQuoted,
        ParameterExpansion,
        CommandSubstitution,
        ArithmeticExpansion,
        ProcessSubstitution,
        BraceExpansion,
        Glob,
        ExtGlob,
        Tilde {}
