package dev.nome.core.risk;

import dev.nome.core.Tier;
import dev.nome.core.policy.FileGate;
import dev.nome.core.shell.Script;
import dev.nome.core.shell.ShellParser;
import dev.nome.core.shell.ShellSyntaxError;
import java.util.HashSet;
import java.util.List;

/**
 * Gives a shell command its risk tier (P7) from its syntax tree: every command anywhere in it,
 * through wrappers and strings run as code, is judged against the {@link CommandKnowledge}; the
 * highest tier wins and the reasons say which command and which rule. Never throws: input that does
 * not parse, and any failure inside, is {@link Tier#DANGER} with the reason.
 *
 * <p>Immutable and thread-safe; one instance can serve every call.
 */
public final class Classifier {
  private final CommandKnowledge knowledge;
  private final String workspace;
  private final FileGate gate;

  /**
   * @param knowledge what is known about commands, variables and paths
   * @param workspace the workspace's absolute path (absolute paths under it count as inside), or
   *     null when commands are judged without one (then only relative paths are inside)
   * @param gate the file gateway to ask about every path read or written, or null
   */
  public Classifier(CommandKnowledge knowledge, String workspace, FileGate gate) {
    this.knowledge = knowledge;
    this.workspace = normalizeWorkspace(workspace);
    this.gate = gate;
  }

  /** The standard knowledge, no workspace path and no file gateway. */
  public static Classifier standard() {
    return new Classifier(CommandKnowledge.standard(), null, null);
  }

  private static String normalizeWorkspace(String w) {
    if (w == null || w.isEmpty() || !w.startsWith("/")) {
      return null;
    }
    String s = w;
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals("/") ? null : s;
  }

  /** A classifier like this one that asks {@code gate} about every path. */
  public Classifier withGate(FileGate gate) {
    return new Classifier(knowledge, workspace, gate);
  }

  /** A classifier like this one for the workspace at {@code workspace} (an absolute path). */
  public Classifier withWorkspace(String workspace) {
    return new Classifier(knowledge, workspace, gate);
  }

  /** Classifies one command line or script. */
  public Classification classify(String command) {
    Script script;
    try {
      script = ShellParser.parse(command);
    } catch (ShellSyntaxError e) {
      return new Classification(
          Tier.DANGER,
          List.of(new Reason(Tier.DANGER, "", "not understood by the parser: " + e.getMessage())));
    } catch (RuntimeException | StackOverflowError e) {
      return failure(e);
    }
    return classify(script);
  }

  /** Classifies an already parsed script. */
  public Classification classify(Script script) {
    try {
      Findings findings = new Findings();
      Bindings bindings = Prepass.collect(script);
      Walk walk = new Walk(knowledge, workspace, gate, findings, bindings, 0, new HashSet<>());
      walk.script(script);
      return findings.result();
    } catch (RuntimeException | StackOverflowError e) {
      return failure(e);
    }
  }

  private static Classification failure(Throwable e) {
    return new Classification(
        Tier.DANGER,
        List.of(
            new Reason(
                Tier.DANGER, "", "classifier failure (" + e.getClass().getSimpleName() + ")")));
  }
}
