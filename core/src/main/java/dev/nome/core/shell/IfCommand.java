package dev.nome.core.shell;

import java.util.List;

/**
 * {@code if c; then b; elif c2; then b2; else e; fi}: one branch for the {@code if} and one per
 * {@code elif}; {@code elseBody} is empty when there is no {@code else}.
 */
public record IfCommand(
    List<IfBranch> branches, List<Statement> elseBody, List<Redirect> redirects, int start, int end)
    implements CompoundCommand {
  public IfCommand {
    branches = List.copyOf(branches);
    elseBody = List.copyOf(elseBody);
    redirects = List.copyOf(redirects);
  }
}
