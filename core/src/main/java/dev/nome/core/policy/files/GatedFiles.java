package dev.nome.core.policy.files;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileVerdict;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Opens files through the gateway without a window between check and open: the file is opened by
 * its resolved real path with symlinks refused at the last step, and what was opened is checked
 * again (same device and inode as the path that was judged, and the parent still resolving to
 * itself). A file swapped in between is refused and closed.
 *
 * <p>Java offers no fstat on an open channel, so "what was opened" is read from the resolved path
 * right after opening; a swap and a swap back within that moment is not seen here. The runner's
 * sandbox is the second line for that.
 */
public final class GatedFiles {

  private final FileGateway gateway;

  public GatedFiles(FileGateway gateway) {
    this.gateway = gateway;
  }

  /** Opens an existing file for reading. */
  public SeekableByteChannel openForRead(String path) throws IOException {
    return openJudged(path, allowed(path, Access.READ));
  }

  /**
   * Opens a file for writing: an existing one is truncated (or appended to), a missing one is
   * created, never through a symlink.
   */
  public SeekableByteChannel openForWrite(String path, boolean append) throws IOException {
    return writeJudged(path, allowed(path, Access.WRITE), append);
  }

  /** Opens for writing what {@code j} judged (split out so a test can act between the steps). */
  SeekableByteChannel writeJudged(String path, FileGateway.Judgement j, boolean append)
      throws IOException {
    if (j.path().exists()) {
      Set<OpenOption> options = new HashSet<>();
      options.add(StandardOpenOption.WRITE);
      if (append) {
        options.add(StandardOpenOption.APPEND);
      }
      SeekableByteChannel ch = openExisting(path, j, options);
      if (!append) {
        // truncated only now: a file swapped in before the open is refused untouched
        try {
          ch.truncate(0);
        } catch (IOException | RuntimeException e) {
          ch.close();
          throw e;
        }
      }
      return ch;
    }
    return createJudged(path, j);
  }

  /** Opens for reading what {@code j} judged (split out so a test can act between the steps). */
  SeekableByteChannel openJudged(String path, FileGateway.Judgement j) throws IOException {
    if (!j.path().exists()) {
      throw new NoSuchFileException(path);
    }
    return openExisting(path, j, Set.of(StandardOpenOption.READ));
  }

  /** Creates the missing file {@code j} judged; fails if anything exists there by now. */
  SeekableByteChannel createJudged(String path, FileGateway.Judgement j) throws IOException {
    Path target = j.path().real();
    Path parent = target.getParent();
    if (parent != null && Files.isSymbolicLink(parent)) {
      throw changed(path, "its directory was replaced by a symlink after it was checked");
    }
    if (parent == null || !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(
          parent == null ? path : parent.toString(), null, "no such directory");
    }
    Set<OpenOption> options = new HashSet<>();
    options.add(StandardOpenOption.WRITE);
    options.add(StandardOpenOption.CREATE_NEW);
    options.add(LinkOption.NOFOLLOW_LINKS);
    SeekableByteChannel ch = Files.newByteChannel(target, options);
    try {
      if (!parent.toRealPath().equals(parent)) {
        throw changed(path, "its directory was replaced while it was opened");
      }
      FileId now = FileId.of(target);
      if (!now.regular() || now.links() != 1) {
        throw changed(path, "the new file was replaced or linked while it was opened");
      }
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      // the file is ours (CREATE_NEW); do not leave it wherever a swapped directory put it
      Files.deleteIfExists(target);
      throw e;
    }
  }

  public byte[] readAllBytes(String path) throws IOException {
    try (SeekableByteChannel ch = openForRead(path)) {
      return java.nio.channels.Channels.newInputStream(ch).readAllBytes();
    }
  }

  public void write(String path, byte[] bytes) throws IOException {
    try (SeekableByteChannel ch = openForWrite(path, false)) {
      var buffer = java.nio.ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
    }
  }

  private FileGateway.Judgement allowed(String path, Access wanted) throws IOException {
    FileGateway.Judgement j = gateway.judge(path, wanted);
    FileVerdict v = j.verdict();
    if (!v.allowed()) {
      throw new AccessDeniedException(path, null, String.join("; ", v.rules()));
    }
    return j;
  }

  private SeekableByteChannel openExisting(
      String path, FileGateway.Judgement j, Set<? extends OpenOption> base) throws IOException {
    Path real = j.path().real();
    Set<OpenOption> options = new HashSet<>(base);
    options.add(LinkOption.NOFOLLOW_LINKS);
    SeekableByteChannel ch;
    try {
      ch = Files.newByteChannel(real, options);
    } catch (IOException e) {
      throw changed(path, "it could not be opened as judged (" + e.getMessage() + ")");
    }
    try {
      FileId now = FileId.of(real);
      if (j.id() == null || !now.sameFile(j.id()) || !real.toRealPath().equals(real)) {
        throw changed(path, "it was replaced while it was opened");
      }
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static AccessDeniedException changed(String path, String why) {
    return new AccessDeniedException(path, null, "none: " + why);
  }
}
