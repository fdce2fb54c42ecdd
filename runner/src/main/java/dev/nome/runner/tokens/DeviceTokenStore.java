package dev.nome.runner.tokens;

import dev.nome.core.token.TokenKind;
import java.io.IOException;
import java.util.Optional;

/** The device token in {@code ~/.nome/device_token}: written atomically, read only if private. */
public final class DeviceTokenStore {

  private final SecretFiles files;

  public DeviceTokenStore(NomeHome home) {
    this.files = new SecretFiles(home);
  }

  /** Stores {@code token} after checking its format and checksum. */
  public void save(String token) throws IOException {
    if (TokenKind.DEVICE.parse(token).isEmpty()) {
      throw new IOException("the server sent something that is not a device token; not stored");
    }
    files.write(NomeHome.DEVICE_TOKEN, token + "\n");
  }

  /** The stored token; a file that is not a well-formed token is an error, not a missing token. */
  public Optional<String> load() throws IOException {
    Optional<String> raw = files.read(NomeHome.DEVICE_TOKEN);
    if (raw.isPresent() && TokenKind.DEVICE.parse(raw.get()).isEmpty()) {
      throw new IOException(
          "the device token file is damaged; pair again with: nome pair unpair && nome pair");
    }
    return raw;
  }

  public boolean delete() throws IOException {
    return files.delete(NomeHome.DEVICE_TOKEN);
  }
}
