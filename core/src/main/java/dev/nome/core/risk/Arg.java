package dev.nome.core.risk;

import dev.nome.core.shell.Word;

/**
 * One argument as the classifier sees it after brace expansion: its text when known (glob
 * characters kept), or null when it depends on something only known at run time.
 *
 * @param text the value, or null when dynamic
 * @param glob the value holds unquoted pattern characters (bash may replace it by file names)
 * @param mayBeFlag for a dynamic or glob argument: whether its value could start with {@code -}
 * @param word the word it came from (null for arguments made up by a wrapper, like {@code {}})
 */
record Arg(String text, boolean glob, boolean mayBeFlag, Word word) {

  static Arg literal(String text, Word word) {
    return new Arg(text, false, false, word);
  }

  static Arg dynamic(boolean mayBeFlag, Word word) {
    return new Arg(null, false, mayBeFlag, word);
  }

  boolean dynamic() {
    return text == null;
  }

  /** True when its value is known exactly (no expansion, no pattern). */
  boolean known() {
    return text != null && !glob;
  }

  boolean is(String s) {
    return text != null && !glob && text.equals(s);
  }

  @Override
  public String toString() {
    return text == null ? "<dynamic>" : text;
  }
}
