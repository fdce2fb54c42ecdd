package dev.nome.core.shell;

import java.util.List;

/** {@code case subject in pattern) body ;; ... esac}. */
public record CaseCommand(
    Word subject, List<CaseItem> items, List<Redirect> redirects, int start, int end)
    implements CompoundCommand {
  public CaseCommand {
    items = List.copyOf(items);
    redirects = List.copyOf(redirects);
  }
}
