package dev.nome.runner.seats;

import dev.nome.core.shell.Pipeline;
import dev.nome.core.shell.Script;
import dev.nome.core.shell.ShellParser;
import dev.nome.core.shell.ShellSyntaxError;
import dev.nome.core.shell.SimpleCommand;
import dev.nome.core.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Codex reports each command it ran as the argv it started, shell-quoted: the model's command
 * wrapped in {@code /bin/bash -lc '…'}. The cross-check compares the model's command, so the
 * wrapper is taken off with NOME's own shell parser (whatever quoting Codex used).
 */
final class CodexCommands {

  private static final Set<String> SHELLS = Set.of("bash", "sh", "zsh");
  private static final Set<String> FLAGS = Set.of("-c", "-lc", "-cl");

  private CodexCommands() {}

  /** The command inside a {@code SHELL -lc COMMAND} wrapper, or the reported text as it is. */
  static String unwrap(String reported) {
    Script script;
    try {
      script = ShellParser.parse(reported);
    } catch (ShellSyntaxError | RuntimeException e) {
      return reported;
    }
    if (script.statements().size() != 1 || script.statements().get(0).background()) {
      return reported;
    }
    var command = script.statements().get(0).command();
    if (command instanceof Pipeline p && p.commands().size() == 1) {
      command = p.commands().get(0);
    }
    if (!(command instanceof SimpleCommand simple)
        || !simple.assignments().isEmpty()
        || !simple.redirects().isEmpty()) {
      return reported;
    }
    List<Optional<String>> words = simple.words().stream().map(Word::literal).toList();
    if (words.size() != 3 || words.stream().anyMatch(Optional::isEmpty)) {
      return reported;
    }
    String shell = words.get(0).get();
    String name = shell.substring(shell.lastIndexOf('/') + 1);
    if (!SHELLS.contains(name) || !FLAGS.contains(words.get(1).get())) {
      return reported;
    }
    return words.get(2).get();
  }
}
