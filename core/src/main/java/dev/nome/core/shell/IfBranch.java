package dev.nome.core.shell;

import java.util.List;

/** One {@code if} or {@code elif} branch: the condition list and the {@code then} body. */
public record IfBranch(List<Statement> condition, List<Statement> body, int start, int end)
    implements Node {
  public IfBranch {
    condition = List.copyOf(condition);
    body = List.copyOf(body);
  }
}
