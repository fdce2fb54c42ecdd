package dev.nome.core.risk;

/** How a command's operands (the arguments that are not flags) are read. */
enum ArgsKind {
  /** Not paths (words, names, patterns). */
  NONE,
  /** Every operand is a path the command reads. */
  PATHS_READ,
  /**
   * Every operand is a path whose name and metadata the command shows without reading its content
   * ({@code ls}, {@code tree}): asked of the file gateway, not judged by credential rules.
   */
  PATHS_LIST,
  /** Every operand is a path the command creates, changes or removes. */
  PATHS_WRITE,
  /** The first operand is a pattern (unless a pattern flag gave it); the rest are paths read. */
  PATTERN_PATHS_READ,
  /** The last operand is written, the others read ({@code cp}, {@code mv}, {@code ln}). */
  PATHS_READ_LAST_WRITE,
  /** The first operand is written, the others read ({@code zip}). */
  PATHS_READ_FIRST_WRITE,
  /** The first operand is a mode or owner, the rest are paths written ({@code chmod}). */
  MODE_PATHS_WRITE,
  /** The first operand (after {@code skip}) starts a command that this one runs. */
  COMMAND,
  /** The first operand selects a subcommand. */
  SUB,
  /** The first operand selects a subcommand when it names one; otherwise operands are paths. */
  SUB_OR_PATHS,
  /** Revisions or paths (git): treated as paths read. */
  REVS_AND_PATHS,
  /** The first operand is a script file the interpreter runs; the rest are its arguments. */
  SCRIPT
}
