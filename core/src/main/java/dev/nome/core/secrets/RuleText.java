package dev.nome.core.secrets;

/** Searching in a slice of a char buffer without making a String of it. */
final class RuleText {

  private RuleText() {}

  static int indexOf(char[] b, int from, int to, String needle) {
    int n = needle.length();
    char first = needle.charAt(0);
    outer:
    for (int i = from; i <= to - n; i++) {
      if (b[i] != first) {
        continue;
      }
      for (int j = 1; j < n; j++) {
        if (b[i + j] != needle.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static int indexOfIgnoreCase(char[] b, int from, int to, String needle) {
    int n = needle.length();
    outer:
    for (int i = from; i <= to - n; i++) {
      for (int j = 0; j < n; j++) {
        if (Character.toLowerCase(b[i + j]) != Character.toLowerCase(needle.charAt(j))) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static boolean isAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
