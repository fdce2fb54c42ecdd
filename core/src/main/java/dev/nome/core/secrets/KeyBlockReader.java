package dev.nome.core.secrets;

/**
 * Follows private key blocks (PEM, OpenSSH, PGP, PuTTY) across lines. Told each complete line, it
 * says whether the line is a body line of a private key and where that body sits, so the scrubber
 * can replace it and keep whatever prefix (indentation, a logger's timestamp) came before it.
 *
 * <p>The body ends at the END line, at the next BEGIN line (which then starts its own block), or at
 * the first line that does not look like key body (a cut-off key). Certificates and public keys
 * never start a block. One reader per stream; not thread-safe.
 */
final class KeyBlockReader {

  private String kind;
  private int prefixLength;
  private boolean sawBody;
  private int lastBodyLength;
  private int puttyLinesLeft;

  /** Start, end and kind of the body on the last line given to {@link #bodyLine}. */
  int bodyStart;

  String bodyKind;

  int bodyEnd;

  boolean active() {
    return kind != null;
  }

  String kind() {
    return kind;
  }

  /** Ends any open block: a long line can never be key body. */
  void interrupt() {
    kind = null;
  }

  /**
   * Reads one complete line {@code [from, to)} (without its newline). Returns true if it is key
   * body; then {@link #bodyStart} and {@link #bodyEnd} mark what to redact.
   */
  boolean bodyLine(char[] b, int from, int to) {
    if (kind != null) {
      if (RuleText.indexOf(b, from, to, "-----END") >= 0) {
        kind = null;
        return false;
      }
      if (RuleText.indexOf(b, from, to, "-----BEGIN") >= 0) {
        kind = null;
        begin(b, from, to);
        return false;
      }
      int next = continues(b, from, to);
      if (next == BODY) {
        return true;
      }
      if (next == PASS) {
        return false;
      }
      kind = null;
    }
    begin(b, from, to);
    return false;
  }

  private static final int BODY = 1;
  private static final int PASS = 0;
  private static final int END = -1;

  /** Whether the open block goes on with this line: as body, as a header or blank, or not. */
  private int continues(char[] b, int from, int to) {
    int end = trimEnd(b, from, to);
    int start = end;
    while (start > from && isBase64(b[start - 1])) {
      start--;
    }
    int run = end - start;
    if (RuleBook.PUTTY.equals(kind)) {
      if (puttyLinesLeft <= 0 || run < 4) {
        return END;
      }
      bodyKind = kind;
      if (--puttyLinesLeft == 0) {
        kind = null;
      }
      bodyStart = start;
      bodyEnd = end;
      return BODY;
    }
    if (run == 0) {
      // Blank lines and headers may come before the body (PGP, encrypted PEM).
      return !sawBody && blank(b, from, to) ? PASS : END;
    }
    if (!sawBody && isHeader(b, from, end)) {
      return PASS;
    }
    // The prefix (indentation, a logger's timestamp) is not compared with the BEGIN line's: it
    // may hold secrets of its own whose redaction changes its length, and scrubbing twice must
    // give the same result. A following line that merely ends in a long token is redacted too,
    // which errs on the safe side.
    boolean body =
        run >= 16
            || sawBody && lastBodyLength >= 40 && run >= 2
            || sawBody && b[start] == '=' && run <= 5;
    if (!body) {
      return END;
    }
    sawBody = true;
    lastBodyLength = run;
    bodyKind = kind;
    bodyStart = start;
    bodyEnd = end;
    return BODY;
  }

  private void begin(char[] b, int from, int to) {
    int at = RuleText.indexOf(b, from, to, "-----BEGIN ");
    if (at >= 0) {
      int typeStart = at + 11;
      int typeEnd = RuleText.indexOf(b, typeStart, to, "-----");
      if (typeEnd < 0 || typeEnd - typeStart > 40) {
        return;
      }
      String type = new String(b, typeStart, typeEnd - typeStart);
      if (!type.contains("PRIVATE KEY")) {
        return;
      }
      // A body on the same line is a one-line key, handled by the inline rules.
      if (trimEnd(b, typeEnd + 5, to) > typeEnd + 5) {
        return;
      }
      kind =
          type.startsWith("OPENSSH")
              ? RuleBook.OPENSSH
              : type.startsWith("PGP") ? RuleBook.PGP : RuleBook.PEM;
      prefixLength = at - from;
      sawBody = false;
      lastBodyLength = 0;
      return;
    }
    int putty = RuleText.indexOfIgnoreCase(b, from, to, "Private-Lines:");
    if (putty >= 0) {
      int i = putty + 14;
      while (i < to && b[i] == ' ') {
        i++;
      }
      int n = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9' && n < 100_000) {
        n = n * 10 + (b[i++] - '0');
      }
      if (n > 0) {
        kind = RuleBook.PUTTY;
        puttyLinesLeft = n;
        prefixLength = putty - from;
      }
    }
  }

  /** Drops trailing whitespace and the quoting of a line inside a JSON or YAML string list. */
  private static int trimEnd(char[] b, int from, int to) {
    int end = to;
    while (end > from) {
      char c = b[end - 1];
      if (c == ' ' || c == '\t' || c == '\r' || c == '"' || c == '\'' || c == ',' || c == '\\') {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  private static boolean blank(char[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private static final String[] HEADERS = {
    "Proc-Type:", "DEK-Info:", "Version:", "Comment:", "Hash:", "Charset:", "MessageID:"
  };

  /**
   * "Proc-Type: 4,ENCRYPTED", "Version: GnuPG", "Comment: ...": a known armor header right after
   * the prefix the BEGIN line had, or after leading blanks.
   */
  private boolean isHeader(char[] b, int from, int to) {
    int[] starts = {from + Math.min(prefixLength, to - from), from};
    for (int start : starts) {
      int i = start;
      while (i < to && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      for (String h : HEADERS) {
        if (RuleText.indexOf(b, i, Math.min(to, i + h.length()), h) == i) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isBase64(char c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '+'
        || c == '/'
        || c == '=';
  }
}
