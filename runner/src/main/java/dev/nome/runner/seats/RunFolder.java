package dev.nome.runner.seats;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A seat run's folder ({@code ~/.nome/seats/<run>}): the hook token, NOME's configuration for the
 * CLI and the CLI's own home for the run. There the CLI keeps its transcript of the run, tool
 * output included with any secret in it as it was, and links to the user's sign-in files. The
 * folder goes when the run ends. Links are removed as links, never followed, so the files they
 * point to (the user's own) stay.
 */
public final class RunFolder {

  private RunFolder() {}

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
