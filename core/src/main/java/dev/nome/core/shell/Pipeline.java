package dev.nome.core.shell;

import java.util.List;

/**
 * Two or more commands joined by {@code |} or {@code |&}. {@code stderrPiped.get(i)} tells whether
 * the pipe after {@code commands.get(i)} was {@code |&} (standard error goes down the pipe too).
 */
public record Pipeline(List<Command> commands, List<Boolean> stderrPiped, int start, int end)
    implements Command {
  public Pipeline {
    commands = List.copyOf(commands);
    stderrPiped = List.copyOf(stderrPiped);
    if (stderrPiped.size() != commands.size() - 1) {
      throw new IllegalArgumentException("one pipe operator between each two commands");
    }
  }
}
