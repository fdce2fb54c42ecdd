package dev.nome.core.risk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What NOME knows about commands, environment variables and paths, loaded from the resource file
 * {@code dev/nome/core/risk/commands.txt} (format: docs/command-knowledge.md). Immutable and safe
 * to share between threads.
 */
public final class CommandKnowledge {
  private static final String RESOURCE = "commands.txt";

  private final Map<String, CommandSpec> commands;
  final EnvironmentRules env;
  final PathRules paths;
  private final Map<String, Set<String>> lists;
  private final Set<String> downloaders;

  private CommandKnowledge(KnowledgeFile file) {
    this.commands =
        new HashMap<>(file.commands); // never changed after this; faster than Map.copyOf
    this.env = file.env;
    this.paths = file.paths;
    this.lists = Map.copyOf(file.lists);
    this.downloaders = new java.util.HashSet<>(lists.getOrDefault("downloaders", Set.of()));
  }

  private static final class Default {
    static final CommandKnowledge INSTANCE = loadDefault();
  }

  /** The knowledge shipped with NOME (loaded once). */
  public static CommandKnowledge standard() {
    return Default.INSTANCE;
  }

  private static CommandKnowledge loadDefault() {
    try (InputStream in = CommandKnowledge.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("command knowledge resource missing: " + RESOURCE);
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads knowledge in the documented format.
   *
   * @throws KnowledgeFormatException naming the first bad line
   */
  public static CommandKnowledge parse(Reader reader) throws IOException {
    return new CommandKnowledge(KnowledgeFile.read(reader));
  }

  /** Number of command names described (aliases count separately). */
  public int size() {
    return commands.size();
  }

  CommandSpec command(String name) {
    return commands.get(name);
  }

  /** True for commands that fetch from the network ({@code list downloaders}). */
  boolean isDownloader(String name) {
    return downloaders.contains(name);
  }

  boolean inList(String list, String item) {
    Set<String> set = lists.get(list);
    return set != null && set.contains(item);
  }

  Set<String> list(String list) {
    return lists.getOrDefault(list, Set.of());
  }
}
