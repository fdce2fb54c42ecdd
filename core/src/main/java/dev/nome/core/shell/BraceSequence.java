package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.List;

/** Expands {@code {from..to[..step]}} the way bash does, for numbers and single letters. */
final class BraceSequence {
  private BraceSequence() {}

  /** The fields, or null when the sequence is not understood or too long. */
  static List<String> expand(BraceExpansion b) {
    List<String> items = new ArrayList<>();
    for (Word w : b.items()) {
      String s = w.literal().orElse(null);
      if (s == null) {
        return null;
      }
      items.add(s);
    }
    if (items.size() < 2 || items.size() > 3) {
      return null;
    }
    long step = 1;
    if (items.size() == 3) {
      try {
        step = Math.abs(Long.parseLong(items.get(2)));
      } catch (NumberFormatException e) {
        return null;
      }
      if (step == 0) {
        step = 1;
      }
    }
    String from = items.get(0);
    String to = items.get(1);
    if (isNumber(from) && isNumber(to)) {
      long a;
      long z;
      try {
        a = Long.parseLong(from);
        z = Long.parseLong(to);
      } catch (NumberFormatException e) {
        return null;
      }
      int width = padded(from) || padded(to) ? Math.max(from.length(), to.length()) : 0;
      return range(a, z, step, width, false);
    }
    if (from.length() == 1
        && to.length() == 1
        && isLetter(from.charAt(0))
        && isLetter(to.charAt(0))) {
      return range(from.charAt(0), to.charAt(0), step, 0, true);
    }
    return null;
  }

  private static List<String> range(long a, long z, long step, int width, boolean letters) {
    long count = Math.abs(z - a) / step + 1;
    if (count > Word.MAX_BRACE_FIELDS) {
      return null;
    }
    List<String> out = new ArrayList<>((int) count);
    long dir = z >= a ? step : -step;
    for (long v = a, i = 0; i < count; v += dir, i++) {
      if (letters) {
        out.add(String.valueOf((char) v));
      } else {
        String s = Long.toString(Math.abs(v));
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
          sb.append('-');
        }
        for (int pad = s.length() + (v < 0 ? 1 : 0); pad < width; pad++) {
          sb.append('0');
        }
        out.add(sb.append(s).toString());
      }
    }
    return out;
  }

  private static boolean isNumber(String s) {
    int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    if (i >= s.length() || s.length() > 18) {
      return false;
    }
    for (; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean padded(String s) {
    String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    return digits.length() > 1 && digits.charAt(0) == '0';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
