package dev.nome.core.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an awk program far enough to find what it does beyond printing: {@code system()}, pipes to
 * and from commands ({@code print | "cmd"}, {@code "cmd" | getline}), {@code @load}; output
 * redirections to files ({@code print > "f"}); and files read with {@code getline < "f"}. String
 * and regular expression literals are skipped so that their text never counts.
 */
final class AwkProgram {
  /**
   * @param exec runs commands
   * @param writes file names written (a null entry: a name computed at run time)
   * @param reads file names read
   */
  record Effects(boolean exec, List<String> writes, List<String> reads, boolean includes) {}

  private AwkProgram() {}

  static Effects scan(String p) {
    boolean exec = false;
    boolean includes = false;
    List<String> writes = new ArrayList<>(0);
    List<String> reads = new ArrayList<>(0);
    int n = p.length();
    int i = 0;
    boolean operand = false; // the previous token ends an operand (so '/' divides)
    boolean inPrint = false;
    int depth = 0;
    String prevWord = "";
    while (i < n) {
      char c = p.charAt(i);
      if (c == '#') {
        while (i < n && p.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '\n' || c == ';' || c == '{' || c == '}') {
        inPrint = false;
        depth = 0;
        operand = false;
        prevWord = "";
        i++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\\') {
        i++;
        continue;
      }
      if (c == '"') {
        i = skipString(p, i + 1);
        operand = true;
        continue;
      }
      if (c == '/' && !operand) {
        i = skipRegex(p, i + 1);
        operand = true;
        continue;
      }
      if (Character.isLetter(c) || c == '_' || c == '@') {
        int s = i++;
        while (i < n && (Character.isLetterOrDigit(p.charAt(i)) || p.charAt(i) == '_')) {
          i++;
        }
        String word = p.substring(s, i);
        switch (word) {
          case "system" -> exec = true;
          case "@load" -> exec = true;
          case "@include" -> includes = true;
          case "print", "printf" -> {
            inPrint = true;
            depth = 0;
          }
          default -> {}
        }
        prevWord = word;
        operand =
            !(word.equals("print")
                || word.equals("printf")
                || word.equals("return")
                || word.equals("in")
                || word.equals("getline"));
        continue;
      }
      if (c == '|') {
        if (i + 1 < n && p.charAt(i + 1) == '|') {
          i += 2;
          operand = false;
          continue;
        }
        exec = true;
        i++;
        operand = false;
        continue;
      }
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
      if (c == '>' && inPrint && depth == 0) {
        i++;
        if (i < n && p.charAt(i) == '>') {
          i++;
        }
        writes.add(target(p, i));
        operand = false;
        continue;
      }
      if (c == '<' && (prevWord.equals("getline") || afterGetline(p, i))) {
        i++;
        reads.add(target(p, i));
        operand = false;
        continue;
      }
      operand = c == ')' || c == ']' || c == '$' || Character.isDigit(c) || c == '.';
      if (c == '+' || c == '-') {
        operand = i + 1 < n && (p.charAt(i + 1) == '+' || p.charAt(i + 1) == '-');
      }
      i++;
    }
    return new Effects(exec, writes, reads, includes);
  }

  private static boolean afterGetline(String p, int i) {
    int k = i - 1;
    while (k >= 0 && p.charAt(k) == ' ') {
      k--;
    }
    int end = k + 1;
    while (k >= 0 && (Character.isLetterOrDigit(p.charAt(k)) || p.charAt(k) == '_')) {
      k--;
    }
    String word = p.substring(k + 1, end);
    if (word.equals("getline")) {
      return true;
    }
    while (k >= 0 && p.charAt(k) == ' ') {
      k--;
    }
    return k >= 6 && p.startsWith("getline", k - 6);
  }

  /** The string literal after a redirection, or null when the target is computed. */
  private static String target(String p, int i) {
    int n = p.length();
    while (i < n && p.charAt(i) == ' ') {
      i++;
    }
    if (i < n && p.charAt(i) == '"') {
      int end = skipString(p, i + 1);
      String lit = p.substring(i + 1, Math.max(i + 1, end - 1));
      // a literal followed by concatenation is computed
      int k = end;
      while (k < n && p.charAt(k) == ' ') {
        k++;
      }
      if (k < n
          && (p.charAt(k) == '$' || Character.isLetterOrDigit(p.charAt(k)) || p.charAt(k) == '"')) {
        return null;
      }
      return lit.indexOf('\\') >= 0 ? null : lit;
    }
    return null;
  }

  private static int skipString(String p, int i) {
    int n = p.length();
    while (i < n) {
      char c = p.charAt(i++);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return n;
  }

  private static int skipRegex(String p, int i) {
    int n = p.length();
    boolean bracket = false;
    while (i < n) {
      char c = p.charAt(i++);
      if (c == '\\') {
        i++;
      } else if (bracket) {
        if (c == ']') {
          bracket = false;
        }
      } else if (c == '[') {
        bracket = true;
      } else if (c == '/' || c == '\n') {
        return i;
      }
    }
    return n;
  }
}
