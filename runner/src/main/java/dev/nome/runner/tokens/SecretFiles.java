package dev.nome.runner.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Reading and writing credential files in {@link NomeHome}. Writes go to a 0600 temporary file in
 * the same folder, are synced to disk, and replace the target with an atomic move, then the folder
 * is synced: a crash leaves either the old file or the new one, never half of one.
 */
public final class SecretFiles {

  private final NomeHome home;

  public SecretFiles(NomeHome home) {
    this.home = home;
  }

  public void write(String name, String content) throws IOException {
    home.ensure();
    Path target = home.file(name);
    Path tmp =
        Files.createTempFile(
            home.dir(),
            "." + name + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(NomeHome.OWNER_ONLY_FILE));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    try (FileChannel dir = FileChannel.open(home.dir(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the file itself was synced.
    }
  }

  /** The file's content, or empty when it does not exist; refuses unsafe permissions. */
  public Optional<String> read(String name) throws IOException {
    Path file = home.file(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    home.checkDir();
    NomeHome.checkFile(file);
    return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
  }

  /** Removes the file; true when there was one. */
  public boolean delete(String name) throws IOException {
    return Files.deleteIfExists(home.file(name));
  }
}
