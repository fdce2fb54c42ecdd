package dev.nome.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  @Test
  void createsAPrivateDirectoryAndRefusesASecondHolder(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("a/b/server");
    try (DataDirLock first = DataDirLock.acquire(dir)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThatThrownBy(() -> DataDirLock.acquire(dir))
          .isInstanceOf(DataDirLock.DataDirLockedException.class)
          .hasMessageContaining("already running")
          .hasMessageContaining(dir.toString());
    }
    // Released on close: the next instance may start.
    try (DataDirLock again = DataDirLock.acquire(dir)) {
      assertThat(again).isNotNull();
    }
  }
}
