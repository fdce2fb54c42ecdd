package dev.nome.core.shell;

import java.util.List;
import java.util.Optional;

/**
 * A call of {@code declare}, {@code typeset}, {@code export}, {@code local} or {@code readonly}
 * (written literally as the command name). Bash parses their assignment-like arguments as
 * assignments (so {@code declare a=(1 2)} and {@code export X=$(cmd)} are legal), and so do we:
 * each operand is either an {@link Assignment} or a plain {@link Word} (flags such as {@code -x},
 * names without a value, dynamic words).
 */
public record DeclarationCommand(
    List<Assignment> assignments,
    Word name,
    List<DeclarationOperand> operands,
    List<Redirect> redirects,
    int start,
    int end)
    implements Invocation {
  public DeclarationCommand {
    assignments = List.copyOf(assignments);
    operands = List.copyOf(operands);
    redirects = List.copyOf(redirects);
  }

  @Override
  public Optional<Word> commandName() {
    return Optional.of(name);
  }

  /** The builtin's name: declare, typeset, export, local or readonly. */
  public String builtin() {
    return name.literal().orElseThrow();
  }
}
