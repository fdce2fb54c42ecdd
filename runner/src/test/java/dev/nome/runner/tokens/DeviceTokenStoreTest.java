package dev.nome.runner.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.token.TokenKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceTokenStoreTest {

  @TempDir Path tmp;

  @Test
  void theTokenIsWrittenOwnerOnlyInAnOwnerOnlyFolderWithNoTemporaryFileLeft() throws Exception {
    NomeHome home = new NomeHome(tmp.resolve(".nome"));
    DeviceTokenStore store = new DeviceTokenStore(home);
    String token = TokenKind.DEVICE.generate();
    store.save(token);
    assertThat(mode(home.dir())).isEqualTo("rwx------");
    assertThat(mode(home.file(NomeHome.DEVICE_TOKEN))).isEqualTo("rw-------");
    assertThat(store.load()).contains(token);
    try (var files = Files.list(home.dir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("device_token");
    }
    // Replacing keeps the mode and the atomicity.
    String next = TokenKind.DEVICE.generate();
    store.save(next);
    assertThat(store.load()).contains(next);
    assertThat(mode(home.file(NomeHome.DEVICE_TOKEN))).isEqualTo("rw-------");
  }

  @Test
  void aTokenFileOthersCanReadIsRefusedWithTheFix() throws Exception {
    NomeHome home = new NomeHome(tmp.resolve(".nome"));
    DeviceTokenStore store = new DeviceTokenStore(home);
    store.save(TokenKind.DEVICE.generate());
    Path file = home.file(NomeHome.DEVICE_TOKEN);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(store::load)
        .isInstanceOf(NomeHome.UnsafePermissionsException.class)
        .hasMessageContaining("chmod 600 " + file);
  }

  @Test
  void aFolderOthersCanReadIsRefusedWithTheFix() throws Exception {
    NomeHome home = new NomeHome(tmp.resolve(".nome"));
    DeviceTokenStore store = new DeviceTokenStore(home);
    store.save(TokenKind.DEVICE.generate());
    Files.setPosixFilePermissions(home.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(store::load)
        .isInstanceOf(NomeHome.UnsafePermissionsException.class)
        .hasMessageContaining("chmod 700 " + home.dir());
    assertThatThrownBy(() -> store.save(TokenKind.DEVICE.generate()))
        .isInstanceOf(NomeHome.UnsafePermissionsException.class);
  }

  @Test
  void malformedTokensAreNeitherStoredNorUsed() throws Exception {
    NomeHome home = new NomeHome(tmp.resolve(".nome"));
    DeviceTokenStore store = new DeviceTokenStore(home);
    assertThatThrownBy(() -> store.save("nome_dt_nope")).hasMessageContaining("not a device token");
    assertThat(store.load()).isEmpty();
    new SecretFiles(home).write(NomeHome.DEVICE_TOKEN, "garbage");
    assertThatThrownBy(store::load).hasMessageContaining("damaged");
  }

  @Test
  void theHostKeyRoundTripsAndSigns() throws Exception {
    NomeHome home = new NomeHome(tmp.resolve(".nome"));
    HostKey key = HostKey.generate();
    key.save(home);
    assertThat(mode(home.file(NomeHome.HOST_KEY))).isEqualTo("rw-------");
    HostKey loaded = HostKey.load(home).orElseThrow();
    assertThat(loaded.publicKeyBase64()).isEqualTo(key.publicKeyBase64());
    byte[] sig = loaded.sign("receipt".getBytes());
    var v = java.security.Signature.getInstance("Ed25519");
    v.initVerify(key.publicKey());
    v.update("receipt".getBytes());
    assertThat(v.verify(sig)).isTrue();
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
