package dev.nome.core.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts the conformance test compares with mvdan/sh, computed from our tree in the same form as
 * bench/peers/shell-conformance/shfmt-summary.py computes them from shfmt's JSON.
 */
final class MvdanFacts {
  static final String DYNAMIC = "\u0000dyn";

  private MvdanFacts() {}

  static List<List<String>> of(Script script) {
    record At(int offset, List<String> facts) {}
    List<At> out = new ArrayList<>();
    Map<CompoundCommand, List<String>> compoundRedirects = new IdentityHashMap<>();
    ShellWalker.walk(
        script,
        new ShellWalker.Visitor() {
          @Override
          public void invocation(Invocation command, ShellWalker.Context context) {
            List<String> facts = new ArrayList<>();
            switch (command) {
              case SimpleCommand sc -> {
                if (isPlainLet(sc)) {
                  facts.add("L");
                } else {
                  facts.add("C");
                  sc.assignments().forEach(a -> facts.add(assignment(a)));
                  sc.words().forEach(w -> facts.add(word(w)));
                }
              }
              case DeclarationCommand dc -> {
                facts.add("D");
                facts.add(word(dc.name()));
                for (DeclarationOperand op : dc.operands()) {
                  facts.add(
                      switch (op) {
                        case Word w -> word(w);
                        case Assignment a -> assignment(a);
                      });
                }
              }
            }
            facts.add("|");
            command.redirects().forEach(r -> facts.add(MvdanFacts.redirect(r)));
            out.add(new At(command.start(), facts));
          }

          @Override
          public void redirect(Redirect r, ShellWalker.Context context) {
            if (context.parent() instanceof CompoundCommand cc) {
              compoundRedirects
                  .computeIfAbsent(
                      cc,
                      k -> {
                        List<String> facts = new ArrayList<>(List.of("R", "|"));
                        out.add(new At(cc.start(), facts));
                        return facts;
                      })
                  .add(MvdanFacts.redirect(r));
            }
          }
        });
    out.sort(Comparator.comparingInt(At::offset));
    return out.stream().map(At::facts).toList();
  }

  /** mvdan/sh makes a let clause only of an unquoted {@code let}. */
  private static boolean isPlainLet(SimpleCommand sc) {
    return sc.commandName()
        .filter(w -> w.end() - w.start() == 3)
        .flatMap(Word::literal)
        .filter("let"::equals)
        .isPresent();
  }

  static String redirect(Redirect r) {
    String fd =
        r.fd() >= 0
            ? Integer.toString(r.fd())
            : r.fdVariable() != null ? "{" + r.fdVariable() + "}" : "";
    return r.operator().token() + fd + ":" + word(r.target());
  }

  static String assignment(Assignment a) {
    String head = "A:" + a.name() + (a.index() != null ? "[]" : "") + (a.append() ? "+=" : "=");
    if (a.elements() != null) {
      List<String> values = new ArrayList<>();
      a.elements().forEach(e -> values.add(word(e.value())));
      return head + "(" + String.join(" ", values) + ")";
    }
    return head + word(a.value());
  }

  static String word(Word w) {
    if (w.isDynamic()) {
      return DYNAMIC;
    }
    StringBuilder sb = new StringBuilder();
    parts(w.parts(), sb);
    return sb.toString();
  }

  private static void parts(List<WordPart> parts, StringBuilder sb) {
    for (WordPart p : parts) {
      switch (p) {
        case Literal l -> sb.append(l.value());
        case SingleQuoted s -> sb.append(s.value());
        case AnsiCQuoted a -> sb.append(a.value());
        case DoubleQuoted d -> parts(d.parts(), sb);
        case LocaleQuoted d -> parts(d.parts(), sb);
        case Tilde t -> sb.append(t.text());
        case Glob g -> sb.append(g.pattern());
        case ExtGlob g -> sb.append(g.operator()).append('(').append(g.pattern()).append(')');
        case BraceExpansion b -> {
          sb.append('{');
          for (int i = 0; i < b.items().size(); i++) {
            if (i > 0) {
              sb.append(b.sequence() ? ".." : ",");
            }
            parts(b.items().get(i).parts(), sb);
          }
          sb.append('}');
        }
        default -> sb.append(DYNAMIC);
      }
    }
  }
}
