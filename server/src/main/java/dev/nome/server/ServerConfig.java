package dev.nome.server;

import dev.nome.server.model.ModelProxySettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one control plane instance is started.
 *
 * @param bindAddress the address to listen on; loopback unless the user asks otherwise
 * @param port the TCP port; 0 picks a free one (tests)
 * @param dataDir where the embedded database, keys and the instance lock live
 * @param databaseUrl a {@code postgresql://} URL when the instance shares a PostgreSQL server;
 *     empty for the embedded SQLite database in {@code dataDir}
 * @param pairingIntervalSeconds how often a pairing runner may poll (RFC 8628 {@code interval})
 * @param modelProxy provider base URLs, retries and timeouts of the model proxy
 */
public record ServerConfig(
    String bindAddress,
    int port,
    Path dataDir,
    Optional<String> databaseUrl,
    int pairingIntervalSeconds,
    ModelProxySettings modelProxy) {

  public static final int DEFAULT_PAIRING_INTERVAL_SECONDS = 5;

  public ServerConfig(String bindAddress, int port, Path dataDir, Optional<String> databaseUrl) {
    this(bindAddress, port, dataDir, databaseUrl, DEFAULT_PAIRING_INTERVAL_SECONDS);
  }

  /** With the model proxy's defaults: the real provider endpoints. */
  public ServerConfig(
      String bindAddress,
      int port,
      Path dataDir,
      Optional<String> databaseUrl,
      int pairingIntervalSeconds) {
    this(
        bindAddress,
        port,
        dataDir,
        databaseUrl,
        pairingIntervalSeconds,
        ModelProxySettings.defaults());
  }

  /** The same configuration with other model proxy settings. */
  public ServerConfig withModelProxy(ModelProxySettings settings) {
    return new ServerConfig(
        bindAddress, port, dataDir, databaseUrl, pairingIntervalSeconds, settings);
  }

  public static final int DEFAULT_PORT = 7420;
  public static final String DATABASE_URL_ENV = "NOME_DATABASE_URL";

  public ServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(modelProxy, "modelProxy");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (pairingIntervalSeconds < 1 || pairingIntervalSeconds > 60) {
      throw new IllegalArgumentException("the pairing interval must be 1 to 60 seconds");
    }
  }

  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".nome", "server");
  }
}
