package dev.nome.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An exclusive lock on a control plane data directory, so that two {@code nome up} never share (and
 * corrupt) one embedded database. The operating system drops the lock when the process dies, so a
 * crash never leaves a stale lock behind.
 */
public final class DataDirLock implements AutoCloseable {

  static final String LOCK_FILE = "server.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates {@code dataDir} (mode 0700) if needed and locks it.
   *
   * @throws DataDirLockedException when another process holds the lock
   */
  public static DataDirLock acquire(Path dataDir) throws IOException {
    createPrivateDirectories(dataDir);
    Path file = dataDir.resolve(LOCK_FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw new DataDirLockedException(dataDir, holder);
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
        0);
    channel.force(false);
    return new DataDirLock(channel, lock);
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      channel.read(buf, 0);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** Creates the directory and its missing parents readable by the owner only. */
  public static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Another control plane already runs on this data directory. */
  public static final class DataDirLockedException extends IOException {
    public DataDirLockedException(Path dataDir, String holderPid) {
      super(
          "another nome control plane is already running on "
              + dataDir.toAbsolutePath()
              + (holderPid.isEmpty() ? "" : " (pid " + holderPid + ")")
              + "; stop it first or choose another --data-dir");
    }
  }
}
