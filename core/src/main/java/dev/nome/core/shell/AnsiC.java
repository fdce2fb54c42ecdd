package dev.nome.core.shell;

/** Decodes the escapes of a {@code $'...'} string the way bash does. */
final class AnsiC {
  private AnsiC() {}

  static String decode(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        out.append(c);
        i++;
        continue;
      }
      char n = raw.charAt(i + 1);
      i += 2;
      switch (n) {
        case 'a' -> out.append('\007');
        case 'b' -> out.append('\b');
        case 'e', 'E' -> out.append('\033');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\013');
        case '\\', '\'', '"', '?' -> out.append(n);
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int v = n - '0';
          int digits = 1;
          while (digits < 3 && i < raw.length() && raw.charAt(i) >= '0' && raw.charAt(i) <= '7') {
            v = v * 8 + (raw.charAt(i) - '0');
            i++;
            digits++;
          }
          out.append((char) (v & 0xff));
        }
        case 'x', 'u', 'U' -> {
          int max = n == 'x' ? 2 : n == 'u' ? 4 : 8;
          int v = 0;
          int digits = 0;
          while (digits < max && i < raw.length() && Character.digit(raw.charAt(i), 16) >= 0) {
            v = v * 16 + Character.digit(raw.charAt(i), 16);
            i++;
            digits++;
          }
          if (digits == 0) {
            out.append('\\').append(n);
          } else if (n == 'x') {
            out.append((char) v);
          } else if (Character.isValidCodePoint(v)) {
            out.appendCodePoint(v);
          } else {
            out.append('\\').append(n);
          }
        }
        case 'c' -> {
          if (i < raw.length()) {
            out.append((char) (raw.charAt(i) & 0x1f));
            i++;
          } else {
            out.append("\\c");
          }
        }
        default -> out.append('\\').append(n);
      }
    }
    // Bash strings end at the first NUL byte.
    int nul = out.indexOf("\0");
    return nul >= 0 ? out.substring(0, nul) : out.toString();
  }
}
