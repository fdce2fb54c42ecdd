package dev.nome.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The realistic mix of shell commands agents run (resource {@code agent-commands.txt}: one command
 * per line, blank lines ignored). Shared by the parse and the parse+classify benchmarks and by the
 * peer comparison, so every figure is taken on the same commands.
 */
public final class AgentCommands {
  private AgentCommands() {}

  /** The bundled mix. */
  public static List<String> load() {
    try (InputStream in = AgentCommands.class.getResourceAsStream("/agent-commands.txt")) {
      if (in == null) {
        throw new IllegalStateException("agent-commands.txt is missing from the classpath");
      }
      return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mix from a file in the same format. */
  public static List<String> load(Path file) throws IOException {
    return lines(Files.readString(file));
  }

  private static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank()).toList();
  }
}
