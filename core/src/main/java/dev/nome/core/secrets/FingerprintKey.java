package dev.nome.core.secrets;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where an installation's fingerprint key lives: a file holding 32 random bytes as hex, created
 * with mode 0600 on first use (for the CLI, {@code ~/.nome/fingerprint.key}), or the hex value of
 * the environment variable {@value #ENV}.
 */
public final class FingerprintKey {

  /** Environment variable that, when set, holds the key as hex (at least 32 hex digits). */
  public static final String ENV = "NOME_FINGERPRINT_KEY";

  private FingerprintKey() {}

  /** Parses a hex key; at least 16 bytes. */
  public static byte[] parseHex(String hex) {
    byte[] key;
    try {
      key = HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the fingerprint key must be hex digits");
    }
    if (key.length < Fingerprinter.MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the fingerprint key must have at least " + Fingerprinter.MIN_KEY_BYTES + " bytes");
    }
    return key;
  }

  /** Reads the key file, creating it (0600, parent 0700) with a fresh random key if missing. */
  public static byte[] loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return parseHex(Files.readString(file));
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      trySetMode(dir, "rwx------");
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path tmp = Files.createTempFile(dir, ".fingerprint", ".tmp");
    try {
      trySetMode(tmp, "rw-------");
      Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n");
      try {
        // Never replace a key another process wrote first: fingerprints must stay stable.
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        return parseHex(Files.readString(file));
      } catch (UnsupportedOperationException | IOException e) {
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e2) {
          Files.move(tmp, file);
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return parseHex(Files.readString(file));
  }

  private static void trySetMode(Path p, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; the platform's defaults apply.
    }
  }
}
