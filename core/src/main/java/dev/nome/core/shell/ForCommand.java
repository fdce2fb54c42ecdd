package dev.nome.core.shell;

import java.util.List;

/**
 * {@code for name in words; do body; done} or, when {@code select} is true, {@code select name in
 * words; do body; done}. {@code items} is null when there is no {@code in} list (the loop then runs
 * over {@code "$@"}).
 */
public record ForCommand(
    boolean select,
    String variable,
    List<Word> items,
    List<Statement> body,
    List<Redirect> redirects,
    int start,
    int end)
    implements CompoundCommand {
  public ForCommand {
    items = items == null ? null : List.copyOf(items);
    body = List.copyOf(body);
    redirects = List.copyOf(redirects);
  }
}
