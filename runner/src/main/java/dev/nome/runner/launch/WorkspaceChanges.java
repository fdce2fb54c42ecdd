package dev.nome.runner.launch;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a run changed in its workspace, for the run's {@code changes.diff} artifact: a snapshot of
 * the files before the run, compared with the files after it, as a unified diff.
 *
 * <p>Nothing here runs the repository's tools (no {@code git diff}: a repository's own config can
 * name filters and diff drivers that run commands). Files the file policy does not let the agent
 * read are named but their contents are never read; large or binary files are named with their
 * sizes. Symbolic links are not followed. Bounds keep a huge workspace from costing much: past them
 * the diff says it is incomplete.
 */
public final class WorkspaceChanges {

  static final int MAX_FILES = 20_000;
  static final int MAX_TEXT_BYTES = 256 * 1024;
  static final long MAX_KEPT_BYTES = 32L * 1024 * 1024;
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules");

  /** One file as it was: its size, a digest, and its lines when it is small text we may read. */
  private record FileState(long size, byte[] digest, Optional<List<String>> lines) {}

  private final Path root;
  private final Predicate<Path> readable;
  private final Map<String, FileState> before;
  private final boolean complete;

  private WorkspaceChanges(
      Path root, Predicate<Path> readable, Map<String, FileState> before, boolean complete) {
    this.root = root;
    this.readable = readable;
    this.before = before;
    this.complete = complete;
  }

  /**
   * Takes the snapshot before the run.
   *
   * @param readable whether the file policy lets the agent read a file (its contents may then be
   *     shown); others are only named
   */
  public static WorkspaceChanges snapshot(Path root, Predicate<Path> readable) throws IOException {
    Scan scan = scan(root, readable);
    return new WorkspaceChanges(root, readable, scan.files, scan.complete);
  }

  /** The changes since the snapshot as a unified diff; empty when nothing changed. */
  public String diff() throws IOException {
    Scan after = scan(root, readable);
    StringBuilder out = new StringBuilder();
    if (!complete || !after.complete) {
      out.append("# the workspace is larger than NOME compares (")
          .append(MAX_FILES)
          .append(" files); this diff may be incomplete\n");
    }
    Set<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.files.keySet());
    for (String path : paths) {
      FileState was = before.get(path);
      FileState now = after.files.get(path);
      if (was != null && now != null && Arrays.equals(was.digest(), now.digest())) {
        continue;
      }
      appendChange(out, path, was, now);
    }
    return out.toString();
  }

  private static void appendChange(StringBuilder out, String path, FileState was, FileState now) {
    String from = was == null ? "/dev/null" : "a/" + path;
    String to = now == null ? "/dev/null" : "b/" + path;
    boolean textual =
        (was == null || was.lines().isPresent()) && (now == null || now.lines().isPresent());
    if (!textual) {
      out.append("# ")
          .append(path)
          .append(": ")
          .append(was == null ? "created" : now == null ? "deleted" : "changed")
          .append(" (")
          .append(was == null ? "-" : was.size() + " bytes")
          .append(" -> ")
          .append(now == null ? "-" : now.size() + " bytes")
          .append("; binary, large or not readable under the file policy: contents not shown)\n");
      return;
    }
    List<String> a = was == null ? List.of() : was.lines().orElseThrow();
    List<String> b = now == null ? List.of() : now.lines().orElseThrow();
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(from, to, a, DiffUtils.diff(a, b), 3);
    for (String line : unified) {
      out.append(line).append('\n');
    }
  }

  private record Scan(Map<String, FileState> files, boolean complete) {}

  private static Scan scan(Path root, Predicate<Path> readable) throws IOException {
    Map<String, FileState> files = new TreeMap<>();
    long[] kept = {0};
    boolean[] complete = {true};
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              if (files.size() >= MAX_FILES) {
                complete[0] = false;
                return FileVisitResult.TERMINATE;
              }
              String rel = root.relativize(file).toString();
              files.put(rel, state(file, attrs.size(), readable, kept));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // A file that vanished or cannot be read is simply not part of this snapshot.
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Scan(files, complete[0]);
  }

  private static FileState state(Path file, long size, Predicate<Path> readable, long[] kept)
      throws IOException {
    if (!readable.test(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      // Not read: the digest stands for size and time only, enough to see that it changed.
      long modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
      return new FileState(size, sha256((size + ":" + modified).getBytes()), Optional.empty());
    }
    byte[] bytes = Files.readAllBytes(file);
    Optional<List<String>> lines = Optional.empty();
    if (bytes.length <= MAX_TEXT_BYTES && kept[0] + bytes.length <= MAX_KEPT_BYTES) {
      lines = text(bytes).map(WorkspaceChanges::lines);
      if (lines.isPresent()) {
        kept[0] += bytes.length;
      }
    }
    return new FileState(bytes.length, sha256(bytes), lines);
  }

  private static Optional<String> text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    return lines;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
