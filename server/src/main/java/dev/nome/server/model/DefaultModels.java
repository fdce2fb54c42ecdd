package dev.nome.server.model;

import dev.nome.server.vault.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/** The model per provider when a route names none, from {@code default-models.properties}. */
final class DefaultModels {

  private static final Properties MODELS = load();

  private DefaultModels() {}

  static Optional<String> of(Provider provider) {
    String m = MODELS.getProperty(provider.id());
    return m == null || m.isBlank() ? Optional.empty() : Optional.of(m.strip());
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = DefaultModels.class.getResourceAsStream("default-models.properties")) {
      if (in == null) {
        throw new IllegalStateException("default-models.properties is missing");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
