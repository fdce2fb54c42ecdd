package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One shell word: its parts joined without spaces. The parts are canonical (adjacent unquoted
 * literal text is one {@link Literal}), so two words that bash reads the same have equal parts.
 *
 * <p>How callers read a word:
 *
 * <ul>
 *   <li>{@link #literal()}: the string bash passes, when nothing in the word expands. A tilde
 *       prefix counts as static and is kept as written ({@code ~/.ssh}); see {@link Tilde}.
 *   <li>{@link #isDynamic()}: its value depends on a parameter, command or process substitution or
 *       arithmetic, anywhere inside (including inside quotes and brace alternatives).
 *   <li>{@link #hasGlob()}: it holds unquoted pattern characters, so bash may replace it by file
 *       names.
 *   <li>{@link #braceExpanded()}: the fields after brace expansion when they are static.
 * </ul>
 */
public record Word(List<WordPart> parts, int start, int end) implements DeclarationOperand {
  /** More fields than this from one brace expansion is treated as not static. */
  public static final int MAX_BRACE_FIELDS = 4096;

  public Word {
    parts = List.copyOf(parts);
  }

  /** The exact string bash would use, when the word is static, glob-free and brace-free. */
  public Optional<String> literal() {
    StringBuilder out = new StringBuilder();
    return appendStatic(parts, out) ? Optional.of(out.toString()) : Optional.empty();
  }

  private static boolean appendStatic(List<WordPart> parts, StringBuilder out) {
    for (WordPart part : parts) {
      switch (part) {
        case Literal l -> out.append(l.value());
        case SingleQuoted s -> out.append(s.value());
        case AnsiCQuoted a -> out.append(a.value());
        case Tilde t -> out.append(t.text());
        case DoubleQuoted d -> {
          if (!appendStatic(d.parts(), out)) {
            return false;
          }
        }
        case LocaleQuoted d -> {
          if (!appendStatic(d.parts(), out)) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  /** True when the value depends on any parameter, substitution or arithmetic expansion. */
  public boolean isDynamic() {
    return anyDynamic(parts);
  }

  private static boolean anyDynamic(List<WordPart> parts) {
    for (WordPart part : parts) {
      boolean dynamic =
          switch (part) {
            case ParameterExpansion p -> true;
            case CommandSubstitution c -> true;
            case ArithmeticExpansion a -> true;
            case ProcessSubstitution p -> true;
            case DoubleQuoted d -> anyDynamic(d.parts());
            case LocaleQuoted d -> anyDynamic(d.parts());
            case BraceExpansion b -> b.items().stream().anyMatch(Word::isDynamic);
            default -> false;
          };
      if (dynamic) {
        return true;
      }
    }
    return false;
  }

  /** True when the word holds unquoted glob or extglob characters (directly or in braces). */
  public boolean hasGlob() {
    for (WordPart part : parts) {
      if (part instanceof Glob || part instanceof ExtGlob) {
        return true;
      }
      if (part instanceof BraceExpansion b && b.items().stream().anyMatch(Word::hasGlob)) {
        return true;
      }
    }
    return false;
  }

  /** True when the word holds a brace expansion. */
  public boolean hasBraceExpansion() {
    return parts.stream().anyMatch(p -> p instanceof BraceExpansion);
  }

  /** True when the word starts with an unquoted tilde prefix ({@code ~}, {@code ~user}). */
  public boolean startsWithTilde() {
    return !parts.isEmpty() && parts.get(0) instanceof Tilde;
  }

  /**
   * The fields bash produces by brace expansion, when the word is otherwise static and glob-free:
   * {@code {rm,-rf,~}} gives {@code [rm, -rf, ~]}; a word without braces gives itself. Empty when
   * the word is dynamic, has a glob, or expands to more than {@link #MAX_BRACE_FIELDS} fields.
   */
  public Optional<List<String>> braceExpanded() {
    if (isDynamic() || hasGlob()) {
      return Optional.empty();
    }
    List<String> fields = expand(parts);
    if (fields == null) {
      return Optional.empty();
    }
    if (hasBraceExpansion() && !hasQuotes(parts)) {
      // Bash drops the empty fields an unquoted brace expansion makes: {,a} is just "a".
      fields = fields.stream().filter(f -> !f.isEmpty()).toList();
    }
    return Optional.of(List.copyOf(fields));
  }

  private static boolean hasQuotes(List<WordPart> parts) {
    for (WordPart p : parts) {
      if (p instanceof SingleQuoted
          || p instanceof DoubleQuoted
          || p instanceof AnsiCQuoted
          || p instanceof LocaleQuoted
          || (p instanceof BraceExpansion b
              && b.items().stream().anyMatch(w -> hasQuotes(w.parts())))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> expand(List<WordPart> parts) {
    List<String> fields = new ArrayList<>();
    fields.add("");
    for (WordPart part : parts) {
      List<String> options;
      if (part instanceof BraceExpansion b) {
        options = b.sequence() ? BraceSequence.expand(b) : alternatives(b);
        if (options == null) {
          return null;
        }
      } else {
        StringBuilder text = new StringBuilder();
        appendStatic(List.of(part), text);
        options = List.of(text.toString());
      }
      if ((long) fields.size() * options.size() > MAX_BRACE_FIELDS) {
        return null;
      }
      List<String> next = new ArrayList<>(fields.size() * options.size());
      for (String prefix : fields) {
        for (String option : options) {
          next.add(prefix + option);
        }
      }
      fields = next;
    }
    return fields;
  }

  private static List<String> alternatives(BraceExpansion b) {
    List<String> all = new ArrayList<>();
    for (Word item : b.items()) {
      List<String> sub = expand(item.parts());
      if (sub == null || all.size() + sub.size() > MAX_BRACE_FIELDS) {
        return null;
      }
      all.addAll(sub);
    }
    return all;
  }
}
