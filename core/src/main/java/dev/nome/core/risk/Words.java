package dev.nome.core.risk;

import dev.nome.core.shell.AnsiCQuoted;
import dev.nome.core.shell.ArithmeticExpansion;
import dev.nome.core.shell.BraceExpansion;
import dev.nome.core.shell.CommandSubstitution;
import dev.nome.core.shell.DoubleQuoted;
import dev.nome.core.shell.ExtGlob;
import dev.nome.core.shell.Glob;
import dev.nome.core.shell.Literal;
import dev.nome.core.shell.LocaleQuoted;
import dev.nome.core.shell.ParameterExpansion;
import dev.nome.core.shell.ParameterOperator;
import dev.nome.core.shell.ProcessSubstitution;
import dev.nome.core.shell.SimpleCommand;
import dev.nome.core.shell.SingleQuoted;
import dev.nome.core.shell.Statement;
import dev.nome.core.shell.Tilde;
import dev.nome.core.shell.Word;
import dev.nome.core.shell.WordPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns words into the arguments bash would pass, as far as they can be known before running. */
final class Words {
  private Words() {}

  /** Appends the fields of {@code w} to {@code out}. */
  static void fields(Word w, Bindings bindings, List<Arg> out) {
    List<WordPart> parts = w.parts();
    if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
      out.add(Arg.literal(l.value(), w)); // the common case, without allocation
      return;
    }
    if (hasBrace(parts)) {
      Optional<List<String>> fields = w.braceExpanded();
      if (fields.isPresent()) {
        for (String f : fields.get()) {
          out.add(Arg.literal(f, w));
        }
        return;
      }
    }
    int before = out.size();
    if (resolve(w, bindings, false, out)) {
      return;
    }
    while (out.size() > before) {
      out.remove(out.size() - 1);
    }
    out.add(Arg.dynamic(mayStartWithDash(parts), w));
  }

  private static boolean hasBrace(List<WordPart> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof BraceExpansion) {
        return true;
      }
    }
    return false;
  }

  /** True when the first character of the word's value is not a known character other than '-'. */
  private static boolean mayStartWithDash(List<WordPart> parts) {
    for (WordPart p : parts) {
      String s =
          switch (p) {
            case Literal l -> l.value();
            case SingleQuoted q -> q.value();
            case AnsiCQuoted a -> a.value();
            case Tilde t -> "~";
            case DoubleQuoted d -> {
              if (d.parts().isEmpty()) {
                yield "";
              }
              yield mayStartWithDash(d.parts()) ? null : "x";
            }
            default -> null;
          };
      if (s == null) {
        return true;
      }
      if (!s.isEmpty()) {
        return s.charAt(0) == '-';
      }
    }
    return false;
  }

  /**
   * Appends every value the word can take (at most {@link Bindings#MAX_VALUES}); false when some
   * part is only known at run time.
   */
  static boolean resolve(Word w, Bindings bindings, boolean quotedContext, List<Arg> out) {
    List<StringBuilder> acc = new ArrayList<>(1);
    acc.add(new StringBuilder());
    boolean[] glob = new boolean[1];
    if (!append(w.parts(), bindings, quotedContext, acc, glob, true)) {
      return false;
    }
    for (StringBuilder sb : acc) {
      String text = sb.toString();
      boolean g = glob[0] && GlobPattern.hasGlob(text);
      boolean dash = text.startsWith("-") || (g && startsWithGlob(text));
      out.add(new Arg(text, g, dash, w));
    }
    return true;
  }

  private static boolean startsWithGlob(String s) {
    return !s.isEmpty() && (s.charAt(0) == '*' || s.charAt(0) == '?' || s.charAt(0) == '[');
  }

  private static boolean append(
      List<WordPart> parts,
      Bindings b,
      boolean quoted,
      List<StringBuilder> acc,
      boolean[] glob,
      boolean atStart) {
    for (WordPart part : parts) {
      boolean first = atStart && acc.get(0).isEmpty();
      switch (part) {
        case Literal l -> appendAll(acc, l.value());
        case SingleQuoted s -> appendAll(acc, s.value());
        case AnsiCQuoted a -> appendAll(acc, a.value());
        case Tilde t -> appendAll(acc, t.text());
        case Glob g -> {
          glob[0] = true;
          appendAll(acc, g.pattern());
        }
        case ExtGlob e -> {
          glob[0] = true;
          appendAll(acc, "*");
        }
        case DoubleQuoted d -> {
          if (!append(d.parts(), b, true, acc, glob, first)) {
            return false;
          }
        }
        case LocaleQuoted d -> {
          if (!append(d.parts(), b, true, acc, glob, first)) {
            return false;
          }
        }
        case ParameterExpansion p -> {
          if (!plain(p)) {
            return false;
          }
          if (first && p.name().equals("HOME")) {
            appendAll(acc, "~");
            continue;
          }
          if (first && p.name().equals("PWD")) {
            appendAll(acc, ".");
            continue;
          }
          List<Arg> values = b.values(p.name());
          if (values == null || values.isEmpty()) {
            return false;
          }
          if (!product(acc, values, quoted, glob)) {
            return false;
          }
        }
        case CommandSubstitution c -> {
          if (!first || !printsWorkspaceRoot(c)) {
            return false;
          }
          appendAll(acc, ".");
        }
        case BraceExpansion e -> {
          return false;
        }
        case ArithmeticExpansion a -> {
          return false;
        }
        case ProcessSubstitution p -> {
          if (!(first && parts.size() == 1)) {
            return false;
          }
          appendAll(acc, "/dev/fd/63"); // what bash passes: a descriptor path, never a flag
        }
      }
    }
    return true;
  }

  private static boolean plain(ParameterExpansion p) {
    return p.operator() == ParameterOperator.NONE
        && p.index() == null
        && !p.length()
        && !p.indirect();
  }

  private static void appendAll(List<StringBuilder> acc, String s) {
    for (StringBuilder sb : acc) {
      sb.append(s);
    }
  }

  private static boolean product(
      List<StringBuilder> acc, List<Arg> values, boolean quoted, boolean[] glob) {
    if ((long) acc.size() * values.size() > Bindings.MAX_VALUES) {
      return false;
    }
    for (Arg v : values) {
      if (v.text() == null) {
        return false;
      }
      if (!quoted && (v.text().isEmpty() || hasBlank(v.text()))) {
        return false; // field splitting would change the argument list
      }
      if (v.glob() || (!quoted && GlobPattern.hasGlob(v.text()))) {
        glob[0] = true;
      }
    }
    List<StringBuilder> next = new ArrayList<>(acc.size() * values.size());
    for (StringBuilder sb : acc) {
      for (Arg v : values) {
        next.add(new StringBuilder(sb).append(v.text()));
      }
    }
    acc.clear();
    acc.addAll(next);
    return true;
  }

  private static boolean hasBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  /** {@code $(pwd)} and {@code $(git rev-parse --show-toplevel)}: the workspace itself. */
  private static boolean printsWorkspaceRoot(CommandSubstitution c) {
    List<Statement> st = c.script().statements();
    if (st.size() != 1 || !(st.get(0).command() instanceof SimpleCommand sc)) {
      return false;
    }
    if (!sc.assignments().isEmpty() || !sc.redirects().isEmpty()) {
      return false;
    }
    List<String> words = new ArrayList<>();
    for (Word w : sc.words()) {
      Optional<String> lit = w.literal();
      if (lit.isEmpty()) {
        return false;
      }
      words.add(lit.get());
    }
    return words.equals(List.of("pwd"))
        || words.equals(List.of("git", "rev-parse", "--show-toplevel"));
  }

  /** The static text of a word (glob characters kept), or null when it is dynamic. */
  static String text(Word w) {
    List<WordPart> parts = w.parts();
    if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
      return l.value();
    }
    List<Arg> out = new ArrayList<>(1);
    if (!resolve(w, Bindings.EMPTY, false, out) || out.size() != 1) {
      return null;
    }
    return out.get(0).text();
  }
}
