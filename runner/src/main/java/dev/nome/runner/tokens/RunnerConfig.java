package dev.nome.runner.tokens;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ~/.nome/config.toml}: which control plane this host is paired with. One key is read and
 * written, {@code server = "http://…"}; other lines are kept as they are.
 */
public final class RunnerConfig {

  private final NomeHome home;

  public RunnerConfig(NomeHome home) {
    this.home = home;
  }

  public Optional<URI> server() throws IOException {
    Path file = home.file(NomeHome.CONFIG);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.startsWith("server") && l.contains("=")) {
        String v = l.substring(l.indexOf('=') + 1).strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
          return Optional.of(URI.create(v.substring(1, v.length() - 1)));
        }
      }
    }
    return Optional.empty();
  }

  public void setServer(URI server) throws IOException {
    new SecretFiles(home)
        .write(NomeHome.CONFIG, "# NOME host settings\nserver = \"" + server + "\"\n");
  }
}
