package dev.nome.core.shell;

/** Where a word is being read; decides what ends it and which expansions apply. */
enum WordMode {
  /** A command word or argument: globs, braces, tildes, process substitution. */
  NORMAL(true, true, true),
  /** An assignment value: tildes after {@code =} and {@code :}; no globs, no braces. */
  ASSIGN(false, false, true),
  /** A case pattern: globs and extglobs, no braces. */
  PATTERN(true, false, true),
  /** A word inside {@code [[ ]]}: globs, no braces. */
  TEST(true, false, true),
  /** The regular expression after {@code =~}: parentheses and bars belong to it. */
  REGEX(false, false, false),
  /** The word operand of a parameter expansion, up to the closing brace. */
  PARAM(false, false, false),
  /** A pattern operand of a parameter expansion. */
  PARAM_PATTERN(true, false, false),
  /** Inside double quotes. */
  DQ(false, false, false),
  /** An unquoted heredoc body. */
  HEREDOC(false, false, false),
  /** The items of a brace expansion: like NORMAL, also ended by ',' and '}'. */
  BRACE_ITEM(true, true, false);

  final boolean globs;
  final boolean braces;
  final boolean tilde;

  WordMode(boolean globs, boolean braces, boolean tilde) {
    this.globs = globs;
    this.braces = braces;
    this.tilde = tilde;
  }

  boolean quoted() {
    return this == DQ || this == HEREDOC;
  }
}
