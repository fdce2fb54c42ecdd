package dev.nome.core.risk;

import java.util.function.Consumer;

/**
 * Reads the literal text of a bash arithmetic expression for variable names. Bash evaluates the
 * value of every name it meets as another arithmetic expression, and an array subscript inside that
 * value can run a command substitution: so a name whose value we do not know to be a number makes
 * the expression code.
 */
final class ArithmeticScan {
  private ArithmeticScan() {}

  /** Calls {@code sink} with each variable name the text refers to. */
  static void names(String text, Consumer<String> sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        // a number: decimal, 0x.., 0.., or base#digits (the digits may be letters)
        while (i < n && isWordChar(text.charAt(i))) {
          i++;
        }
        if (i < n && text.charAt(i) == '#') {
          i++;
          while (i < n && (isWordChar(text.charAt(i)) || text.charAt(i) == '@')) {
            i++;
          }
        }
      } else if (isNameStart(c)) {
        int s = i;
        while (i < n && isWordChar(text.charAt(i))) {
          i++;
        }
        sink.accept(text.substring(s, i));
      } else {
        i++;
      }
    }
  }

  /** Records in {@code b} the names the text assigns ({@code i=0}, {@code i++}, {@code n+=2}). */
  static void assignedNames(String text, Bindings b) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        while (i < n && (isWordChar(text.charAt(i)) || text.charAt(i) == '#')) {
          i++;
        }
      } else if (isNameStart(c)) {
        int s = i;
        while (i < n && isWordChar(text.charAt(i))) {
          i++;
        }
        String name = text.substring(s, i);
        int j = i;
        while (j < n && text.charAt(j) == ' ') {
          j++;
        }
        int k = s - 1;
        while (k >= 0 && text.charAt(k) == ' ') {
          k--;
        }
        boolean pre =
            k >= 1
                && ((text.charAt(k) == '+' && text.charAt(k - 1) == '+')
                    || (text.charAt(k) == '-' && text.charAt(k - 1) == '-'));
        if (pre || assignsAt(text, j)) {
          b.assignArithmetic(name);
        }
      } else {
        i++;
      }
    }
  }

  private static boolean assignsAt(String t, int j) {
    int n = t.length();
    if (j >= n) {
      return false;
    }
    char c = t.charAt(j);
    char d = j + 1 < n ? t.charAt(j + 1) : 0;
    if (c == '=') {
      return d != '=';
    }
    if ((c == '+' && d == '+') || (c == '-' && d == '-')) {
      return true;
    }
    if ("+-*/%&|^".indexOf(c) >= 0 && d == '=') {
      return true;
    }
    return (c == '<' && d == '<' || c == '>' && d == '>') && j + 2 < n && t.charAt(j + 2) == '=';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
