package dev.nome.runner.seats;

import dev.nome.core.receipt.Ids;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A seat run's folder ({@code ~/.nome/seats/<run>}): the hook token, NOME's configuration for the
 * CLI and the CLI's own home for the run. There the CLI keeps its transcript of the run, tool
 * output included with any secret in it as it was, and links to the user's sign-in files. The
 * folder goes when the run ends. Links are removed as links, never followed, so the files they
 * point to (the user's own) stay. A folder left by a run that never got to its end (a runner killed
 * mid-run) goes at a later sweep, once the control plane says the run has ended.
 */
public final class RunFolder {

  private RunFolder() {}

  /** The control plane's answer for one run: may its folder go? */
  @FunctionalInterface
  public interface Ended {
    /**
     * True when the run has ended or is not this host's; throws when the control plane cannot say.
     */
    boolean test(String runId) throws IOException, InterruptedException;
  }

  /**
   * Removes the folders under {@code seatsDir} of runs that {@code ended} says are over, and
   * returns their run ids. A folder whose name is not a run id, or whose run may still be going
   * (another {@code nome run} on this computer), stays. The first run the control plane cannot
   * answer for ends the sweep: everything not yet decided stays, for the next one.
   */
  public static List<String> sweep(Path seatsDir, Ended ended)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(seatsDir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> folders;
    try (Stream<Path> list = Files.list(seatsDir)) {
      folders = list.sorted().toList();
    }
    List<String> removed = new ArrayList<>();
    for (Path folder : folders) {
      String runId = folder.getFileName().toString();
      if (Ids.isValid(runId) && ended.test(runId)) {
        delete(folder);
        removed.add(runId);
      }
    }
    return removed;
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
