package dev.nome.runner.seats;

import dev.nome.core.receipt.Ids;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A seat run's folder ({@code ~/.nome/seats/<run>}): the hook token, NOME's configuration for the
 * CLI and the CLI's own home for the run. There the CLI keeps its transcript of the run, tool
 * output included with any secret in it as it was, and links to the user's sign-in files.
 *
 * <p>The run holds an operating-system lock on {@code <run>.lock} beside the folder from before the
 * folder exists until it is gone; the system lets go of the lock when the process dies. So a folder
 * whose lock can be taken belongs to no live run: its runner was killed before the end, and a later
 * {@link #sweep} removes it. Links are removed as links, never followed, so the files they point to
 * (the user's own) stay.
 */
public final class RunFolder implements AutoCloseable {

  static final String LOCK_SUFFIX = ".lock";

  private final Path folder;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private RunFolder(Path folder, Path lockFile, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the folder of {@code runId} under {@code seatsDir} for this run: its lock first, then the
   * folder's parent. The folder itself is for the CLI's preparation to make.
   *
   * @throws IOException when the id is not a run id, or the lock is held (another live run has this
   *     id) or cannot be made
   */
  public static RunFolder claim(Path seatsDir, String runId) throws IOException {
    if (!Ids.isValid(runId)) {
      throw new IOException("not a run id: " + runId);
    }
    Files.createDirectories(seatsDir);
    Path lockFile = seatsDir.resolve(runId + LOCK_SUFFIX);
    Optional<RunFolder> claimed = tryClaim(seatsDir.resolve(runId), lockFile);
    return claimed.orElseThrow(
        () -> new IOException("another live run holds the folder of run " + runId));
  }

  private static Optional<RunFolder> tryClaim(Path folder, Path lockFile) throws IOException {
    FileChannel channel =
        FileChannel.open(
            lockFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(new RunFolder(folder, lockFile, channel, lock));
  }

  public Path path() {
    return folder;
  }

  /** Removes the folder, then lets go of its lock and removes the lock file. */
  @Override
  public void close() throws IOException {
    try {
      delete(folder);
      Files.deleteIfExists(lockFile);
    } finally {
      release();
    }
  }

  /** Lets go of the lock, leaving the folder and the lock file. */
  private void release() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** What a sweep does with a run whose folder no live run holds. */
  @FunctionalInterface
  public interface Orphans {
    /**
     * Settles the run (for instance, tells the control plane it stopped); false when that cannot be
     * done now, so that the next sweep tries again.
     */
    boolean settle(String runId);
  }

  /**
   * Empties the folders under {@code seatsDir} that no live run holds and settles each run with
   * {@code orphans}; a settled run's folder goes, an unsettled one stays empty for the next sweep.
   * Returns the ids of the runs whose folders held something. A folder whose name is not a run id
   * stays as it is.
   */
  public static List<String> sweep(Path seatsDir, Orphans orphans) throws IOException {
    if (!Files.isDirectory(seatsDir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> folders;
    try (Stream<Path> list = Files.list(seatsDir)) {
      folders = list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
    List<String> emptied = new ArrayList<>();
    for (Path folder : folders) {
      String runId = folder.getFileName().toString();
      if (!Ids.isValid(runId)) {
        continue;
      }
      Optional<RunFolder> claimed = tryClaim(folder, seatsDir.resolve(runId + LOCK_SUFFIX));
      if (claimed.isEmpty()) {
        continue; // a live run's
      }
      RunFolder orphan = claimed.get();
      boolean settled = false;
      try {
        // What the CLI kept goes first, whatever the control plane says.
        if (emptyOut(folder)) {
          emptied.add(runId);
        }
        settled = orphans.settle(runId);
      } finally {
        if (settled) {
          orphan.close();
        } else {
          orphan.release();
        }
      }
    }
    return emptied;
  }

  /** Removes what is in {@code folder}, keeping the folder; whether there was anything. */
  private static boolean emptyOut(Path folder) throws IOException {
    List<Path> inside;
    try (Stream<Path> list = Files.list(folder)) {
      inside = list.toList();
    }
    for (Path p : inside) {
      delete(p);
    }
    return !inside.isEmpty();
  }

  /** Removes {@code folder} and everything in it; nothing happens when it does not exist. */
  public static void delete(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Without FOLLOW_LINKS the walk reports a link (to a file or a folder) as a file of its own.
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failed)
              throws IOException {
            if (failed != null) {
              throw failed;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
