package dev.nome.core.shell;

import java.util.List;
import java.util.Optional;

/**
 * A simple command: leading assignments, then words (the first is the command name), with
 * redirections that may appear anywhere among them. {@code let} is a simple command: each of its
 * arguments is an arithmetic expression (the walker reports them as arithmetic contexts).
 */
public record SimpleCommand(
    List<Assignment> assignments, List<Word> words, List<Redirect> redirects, int start, int end)
    implements Invocation {
  public SimpleCommand {
    assignments = List.copyOf(assignments);
    words = List.copyOf(words);
    redirects = List.copyOf(redirects);
  }

  @Override
  public Optional<Word> commandName() {
    return words.isEmpty() ? Optional.empty() : Optional.of(words.get(0));
  }

  /** The words after the command name. */
  public List<Word> arguments() {
    return words.isEmpty() ? List.of() : words.subList(1, words.size());
  }
}
