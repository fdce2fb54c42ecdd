package dev.nome.core.risk;

import dev.nome.core.shell.Script;
import dev.nome.core.shell.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value a script can give each variable, collected before the walk and used without regard to
 * order: if all assignments of {@code f} anywhere in the script are static ({@code f=a.txt}, {@code
 * for f in *.py}), then {@code $f} is one of those values wherever it appears. A variable assigned
 * from something dynamic, read from input, or never assigned (it comes from the environment) is
 * unknown. {@code eval}, {@code source} and namerefs make every variable unknown.
 */
final class Bindings {
  static final int MAX_VALUES = 16;
  private static final Set<String> NUMERIC_SPECIALS =
      Set.of(
          "#",
          "?",
          "$",
          "!",
          "RANDOM",
          "SECONDS",
          "LINENO",
          "BASHPID",
          "PPID",
          "UID",
          "EUID",
          "EPOCHSECONDS",
          "SRANDOM",
          "OPTIND");

  /** No assignment seen; all variables unknown. */
  static final Bindings EMPTY = new Bindings();

  // allocated when the bindings are first needed: most commands never ask
  private Map<String, List<Object>> raw;
  private Set<String> unknown;
  private Set<String> arithmetic;
  private Set<String> integer;
  private Map<String, List<Arg>> resolved;
  private Set<String> resolving;
  boolean opaque;

  /** The script whose assignments are collected on first use (most commands never need them). */
  private Script pending;

  /** Bindings of {@code script}, collected when first asked. */
  static Bindings of(Script script) {
    Bindings b = new Bindings();
    b.pending = script;
    return b;
  }

  private void load() {
    if (raw == null) {
      raw = new HashMap<>();
      unknown = new HashSet<>();
      arithmetic = new HashSet<>();
      integer = new HashSet<>();
      resolved = new HashMap<>();
      resolving = new HashSet<>();
    }
    if (pending != null) {
      Script s = pending;
      pending = null;
      Prepass.fill(s, this);
    }
  }

  void assign(String name, Word value) {
    load();
    raw.computeIfAbsent(name, k -> new ArrayList<>(2)).add(value);
  }

  /** A value that is already known (a loop item after brace expansion, a temporary file...). */
  void assignValue(String name, Arg value) {
    load();
    raw.computeIfAbsent(name, k -> new ArrayList<>(2)).add(value);
  }

  void assignUnknown(String name) {
    load();
    unknown.add(name);
  }

  /** {@code declare -i name}: later assignments to it are arithmetic. */
  void declareInteger(String name) {
    load();
    integer.add(name);
    arithmetic.add(name);
  }

  boolean isInteger(String name) {
    load();
    return integer.contains(name);
  }

  void assignArithmetic(String name) {
    load();
    arithmetic.add(name);
  }

  /** The values {@code $name} can have, or null when any of them is unknown. */
  List<Arg> values(String name) {
    load();
    if (opaque || unknown.contains(name) || arithmetic.contains(name)) {
      return null;
    }
    List<Arg> done = resolved.get(name);
    if (done != null || resolved.containsKey(name)) {
      return done;
    }
    List<Object> sources = raw.get(name);
    if (sources == null || !resolving.add(name)) {
      return null;
    }
    List<Arg> out = new ArrayList<>();
    for (Object src : sources) {
      if (src instanceof Arg a) {
        out.add(a);
      } else if (!Words.resolve((Word) src, this, true, out) || out.size() > MAX_VALUES) {
        out = null;
        break;
      }
    }
    resolving.remove(name);
    resolved.put(name, out);
    return out;
  }

  /** True when every value {@code name} can have is a number (so arithmetic on it runs no code). */
  boolean numeric(String name) {
    if (NUMERIC_SPECIALS.contains(name)) {
      return true;
    }
    load();
    if (opaque || unknown.contains(name)) {
      return false;
    }
    List<Object> sources = raw.get(name);
    if (sources == null) {
      return arithmetic.contains(name);
    }
    for (Object src : sources) {
      if (src instanceof Word w && isArithmetic(w)) {
        continue; // x=$((...)) is always a number
      }
      String text = src instanceof Arg a ? a.text() : ((Word) src).literal().orElse(null);
      if (text == null || !isNumber(text)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isArithmetic(Word w) {
    List<dev.nome.core.shell.WordPart> parts = w.parts();
    if (parts.size() == 1 && parts.get(0) instanceof dev.nome.core.shell.DoubleQuoted d) {
      parts = d.parts();
    }
    return parts.size() == 1 && parts.get(0) instanceof dev.nome.core.shell.ArithmeticExpansion;
  }

  static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
