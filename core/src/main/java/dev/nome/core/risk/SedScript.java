package dev.nome.core.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sed script far enough to find what it does beyond printing: {@code e} and {@code s///e}
 * run shell commands, {@code w}, {@code W} and {@code s///w} write files, {@code r} and {@code R}
 * read them. A script it cannot follow is reported as not understood.
 */
final class SedScript {
  /** What a script does. {@code problem} is non-null when it could not be read. */
  record Effects(boolean exec, List<String> writes, List<String> reads, String problem) {}

  private final String s;
  private int i;
  private boolean exec;
  private final List<String> writes = new ArrayList<>(0);
  private final List<String> reads = new ArrayList<>(0);

  private SedScript(String s) {
    this.s = s;
  }

  static Effects scan(String script) {
    SedScript p = new SedScript(script);
    String problem;
    try {
      problem = p.run();
    } catch (IndexOutOfBoundsException e) {
      problem = "the script ends too early";
    }
    return new Effects(p.exec, p.writes, p.reads, problem);
  }

  private String run() {
    int n = s.length();
    while (true) {
      skipBlanksAndSeparators();
      if (i >= n) {
        return null;
      }
      char c = s.charAt(i);
      if (c == '#') {
        toEndOfLine();
        continue;
      }
      String addr = address();
      if (addr != null) {
        return addr;
      }
      skipSpaces();
      if (i < n && s.charAt(i) == ',') {
        i++;
        skipSpaces();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '~')) {
          i++;
        }
        addr = address();
        if (addr != null) {
          return addr;
        }
        skipSpaces();
      }
      while (i < n && (s.charAt(i) == '!' || s.charAt(i) == ' ')) {
        i++;
      }
      if (i >= n) {
        return "an address without a command";
      }
      c = s.charAt(i++);
      switch (c) {
        case '{', '}', '=', 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z', 'F' -> {}
        case 'l', 'q', 'Q', 'L' -> skipNumber();
        case 'a', 'i', 'c' -> text();
        case ':' -> {
          skipSpaces();
          label();
        }
        case 'b', 't', 'T' -> label();
        case 'r', 'R' -> reads.add(fileName());
        case 'w', 'W' -> writes.add(fileName());
        case 'e' -> {
          exec = true;
          toEndOfLine();
        }
        case 'v' -> label();
        case 's' -> {
          String problem = substitute();
          if (problem != null) {
            return problem;
          }
        }
        case 'y' -> {
          char d = s.charAt(i++);
          delimited(d);
          delimited(d);
        }
        default -> {
          return "unknown sed command '" + c + "'";
        }
      }
    }
  }

  private String address() {
    int n = s.length();
    if (i >= n) {
      return null;
    }
    char c = s.charAt(i);
    if (c >= '0' && c <= '9') {
      skipNumber();
      if (i < n && s.charAt(i) == '~') {
        i++;
        skipNumber();
      }
    } else if (c == '$') {
      i++;
    } else if (c == '/' || c == '\\') {
      char d = c == '\\' ? s.charAt(++i) : '/';
      i++;
      delimited(d);
      while (i < n && (s.charAt(i) == 'I' || s.charAt(i) == 'M')) {
        i++;
      }
    }
    return null;
  }

  private String substitute() {
    char d = s.charAt(i++);
    if (d == '\n' || d == '\\') {
      return "bad s command delimiter";
    }
    delimited(d);
    delimited(d);
    int n = s.length();
    while (i < n) {
      char f = s.charAt(i);
      if (f == 'g'
          || f == 'p'
          || f == 'i'
          || f == 'I'
          || f == 'm'
          || f == 'M'
          || (f >= '0' && f <= '9')) {
        i++;
      } else if (f == 'e') {
        exec = true;
        i++;
      } else if (f == 'w') {
        i++;
        writes.add(fileName());
        return null;
      } else {
        break;
      }
    }
    return null;
  }

  /** Skips to just past the next unescaped delimiter (bracket expressions may hold it). */
  private void delimited(char d) {
    int n = s.length();
    boolean bracket = false;
    while (true) {
      if (i >= n) {
        throw new IndexOutOfBoundsException();
      }
      char c = s.charAt(i++);
      if (c == '\\') {
        i++;
      } else if (bracket) {
        if (c == ']') {
          bracket = false;
        }
      } else if (c == '[' && d != '[') {
        bracket = true;
        if (i < n && s.charAt(i) == '^') {
          i++;
        }
        if (i < n && s.charAt(i) == ']') {
          i++;
        }
      } else if (c == d) {
        return;
      }
    }
  }

  private void text() {
    // `a\` then lines, or GNU `a text`; a trailing backslash continues the text on the next line
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i++);
      if (c == '\\' && i < n) {
        i++;
      } else if (c == '\n') {
        return;
      }
    }
  }

  private void label() {
    int n = s.length();
    while (i < n && s.charAt(i) != '\n' && s.charAt(i) != ';' && s.charAt(i) != '}') {
      i++;
    }
  }

  private String fileName() {
    skipSpaces();
    int start = i;
    toEndOfLine();
    return s.substring(start, i).strip();
  }

  private void toEndOfLine() {
    int n = s.length();
    while (i < n && s.charAt(i) != '\n') {
      i++;
    }
  }

  private void skipNumber() {
    skipSpaces();
    int n = s.length();
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
  }

  private void skipSpaces() {
    int n = s.length();
    while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
  }

  private void skipBlanksAndSeparators() {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '\r') {
        i++;
      } else {
        return;
      }
    }
  }
}
