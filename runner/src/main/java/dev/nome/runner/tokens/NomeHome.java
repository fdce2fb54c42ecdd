package dev.nome.runner.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The host's NOME folder ({@code ~/.nome}, or {@code $NOME_HOME}): the device token, the host key,
 * the user token and the config. It must be a 0700 directory; files in it are 0600. NOME refuses to
 * read a credential from a folder or file that others can read, and says how to fix it.
 */
public final class NomeHome {

  public static final String ENV = "NOME_HOME";
  public static final String DEVICE_TOKEN = "device_token";
  public static final String HOST_KEY = "host_key";
  public static final String USER_TOKEN = "user_token";
  public static final String CONFIG = "config.toml";

  static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final Path dir;

  public NomeHome(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** {@code $NOME_HOME} when set, else {@code ~/.nome}. */
  public static NomeHome fromEnvironment(Map<String, String> env) {
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      return new NomeHome(Path.of(override));
    }
    return new NomeHome(Path.of(System.getProperty("user.home"), ".nome"));
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Creates the folder as 0700 if missing; refuses an existing one others can use. */
  public void ensure() throws IOException {
    if (!Files.exists(dir)) {
      Files.createDirectories(dir.getParent());
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR); // umask may have narrowed it further
    }
    checkDir();
  }

  /** Throws {@link UnsafePermissionsException} when others may use the folder. */
  public void checkDir() throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
    if (perms.stream().anyMatch(OTHERS::contains)) {
      throw new UnsafePermissionsException(
          dir
              + " can be used by other users (mode "
              + PosixFilePermissions.toString(perms)
              + "); fix it with: chmod 700 "
              + dir);
    }
  }

  /** Throws {@link UnsafePermissionsException} when others may read or write {@code file}. */
  public static void checkFile(Path file) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (perms.stream().anyMatch(OTHERS::contains)) {
      throw new UnsafePermissionsException(
          file
              + " can be read by other users (mode "
              + PosixFilePermissions.toString(perms)
              + "); fix it with: chmod 600 "
              + file);
    }
  }

  /** A credential file or folder with unsafe permissions. */
  public static final class UnsafePermissionsException extends IOException {
    public UnsafePermissionsException(String message) {
      super(message);
    }
  }
}
