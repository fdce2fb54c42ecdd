package dev.nome.core.policy.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/** A file's identity on this machine: device and inode, and how many names it has. */
record FileId(long device, long inode, int links, boolean regular) {

  /** The identity of {@code path} itself (a symlink is not followed). */
  static FileId of(Path path) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(path, "unix:dev,ino,nlink,mode", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    return new FileId(
        ((Number) a.get("dev")).longValue(),
        ((Number) a.get("ino")).longValue(),
        ((Number) a.get("nlink")).intValue(),
        (mode & 0170000) == 0100000);
  }

  boolean sameFile(FileId other) {
    return device == other.device && inode == other.inode;
  }
}
