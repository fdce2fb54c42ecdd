package dev.nome.core.policy.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Device and inode of every file in the protected locations under the home directory, to catch a
 * hard link elsewhere that names one of them. Built only when a file with more than one name is
 * checked, then reused until it is older than its time to live or a protected directory's
 * modification time changes. Bounded: when the locations hold more than {@link #maxFiles} files the
 * set is incomplete, and every file with several names is then denied.
 */
final class ProtectedInodes {

  record Key(long device, long inode) {}

  /**
   * Browser cache directories: thousands of files that hold nothing worth linking out, skipped so
   * that the set stays small.
   */
  private static final Set<String> CACHES =
      Set.of("cache", "cache2", "code cache", "gpucache", "grshadercache", "shadercache");

  private record Snapshot(Set<Key> keys, boolean complete, List<FileTime> stamps, long madeAt) {}

  private final List<Path> roots;
  private final long ttlNanos;
  private final int maxFiles;
  private volatile Snapshot snapshot;

  ProtectedInodes(List<Path> roots, long ttlMillis, int maxFiles) {
    this.roots = List.copyOf(roots);
    this.ttlNanos = ttlMillis * 1_000_000L;
    this.maxFiles = maxFiles;
  }

  /** Answers null when {@code id} is not a protected file, else why it is refused. */
  String refuse(FileId id) {
    Snapshot s = current();
    if (s.keys.contains(new Key(id.device(), id.inode()))) {
      return "hard link to a protected file";
    }
    if (!s.complete) {
      return "file with several hard links, and the protected locations hold too many files to"
          + " compare with";
    }
    return null;
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (s == null || System.nanoTime() - s.madeAt > ttlNanos || !s.stamps.equals(stamps())) {
      synchronized (this) {
        s = snapshot;
        if (s == null || System.nanoTime() - s.madeAt > ttlNanos || !s.stamps.equals(stamps())) {
          s = build();
          snapshot = s;
        }
      }
    }
    return s;
  }

  private List<FileTime> stamps() {
    List<FileTime> out = new ArrayList<>(roots.size());
    for (Path root : roots) {
      try {
        out.add(Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS));
      } catch (IOException e) {
        out.add(FileTime.fromMillis(0));
      }
    }
    return out;
  }

  private Snapshot build() {
    List<FileTime> stamps = stamps();
    long madeAt = System.nanoTime();
    Set<Key> keys = new HashSet<>();
    boolean[] complete = {true};
    for (Path root : roots) {
      Path real;
      try {
        real = root.toRealPath(); // a protected directory may itself be a symlink
      } catch (IOException e) {
        continue; // missing: nothing to protect there
      }
      try {
        Files.walkFileTree(
            real,
            EnumSet.noneOf(java.nio.file.FileVisitOption.class),
            8,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (keys.size() >= maxFiles) {
                  complete[0] = false;
                  return FileVisitResult.TERMINATE;
                }
                if (attrs.isRegularFile()) {
                  try {
                    FileId id = FileId.of(file);
                    keys.add(new Key(id.device(), id.inode()));
                  } catch (IOException | RuntimeException e) {
                    // unreadable to us is unreadable to the agent running as the same user
                  }
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                return name != null
                        && CACHES.contains(name.toString().toLowerCase(java.util.Locale.ROOT))
                    ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        complete[0] = false;
      }
    }
    return new Snapshot(Set.copyOf(keys), complete[0], stamps, madeAt);
  }
}
