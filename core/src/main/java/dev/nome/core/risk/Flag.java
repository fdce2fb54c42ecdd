package dev.nome.core.risk;

/**
 * One flag of a command as the knowledge file declares it.
 *
 * @param name as written, with its dashes ({@code -e}, {@code --regexp})
 * @param value whether it takes a value: none, required (attached or next argument) or optional
 *     (attached only, {@code --color=auto})
 * @param effect what using it does
 * @param path whether its value is a path read or written
 */
record Flag(String name, Value value, FlagEffect effect, PathUse path) {

  enum Value {
    NONE,
    REQUIRED,
    OPTIONAL
  }

  boolean isLong() {
    return name.startsWith("--");
  }
}
