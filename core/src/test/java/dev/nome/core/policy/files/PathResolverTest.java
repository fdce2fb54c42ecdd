package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolverTest {

  @TempDir Path temp;
  Path ws;
  Path home;
  PathResolver resolver;

  @BeforeEach
  void setUp() throws IOException {
    Path root = temp.toRealPath();
    home = root.resolve("home");
    ws = home.resolve("ws");
    Files.createDirectories(ws.resolve("a/b"));
    resolver = new PathResolver(ws, home);
  }

  @Test
  void lexicalFormRemovesDotsSlashesAndProcRoots() {
    assertThat(PathResolver.lexical("//a/./b/../c//")).isEqualTo("/a/c");
    assertThat(PathResolver.lexical("/proc/self/root/proc/123/root/etc//x")).isEqualTo("/etc/x");
    assertThat(PathResolver.lexical("/proc/1/task/2/root/etc")).isEqualTo("/etc");
    assertThat(PathResolver.lexical("/../..")).isEqualTo("/");
  }

  @Test
  void missingPartsAreAppendedToTheNearestExistingParent() {
    ResolvedPath r = resolver.resolve("a/b/new/deeper/file.txt");
    assertThat(r.exists()).isFalse();
    assertThat(r.real()).isEqualTo(ws.resolve("a/b/new/deeper/file.txt"));
  }

  @Test
  void dotDotBelowAMissingDirectoryCannotBeResolved() {
    ResolvedPath r = resolver.resolve("missing/../../../etc/passwd");
    assertThat(r.resolved()).isFalse();
    assertThat(r.error()).contains("missing directory");
  }

  @Test
  void dotDotAfterASymlinkAppliesToItsTarget() throws IOException {
    Files.createSymbolicLink(ws.resolve("deep"), ws.resolve("a/b"));
    assertThat(resolver.resolve("deep/../b").real()).isEqualTo(ws.resolve("a/b"));
  }

  @Test
  void unusableInputIsRefused() {
    assertThat(resolver.resolve("").resolved()).isFalse();
    assertThat(resolver.resolve("a\0b").resolved()).isFalse();
    assertThat(resolver.resolve("~root/.ssh").error()).contains("~user");
    assertThat(resolver.resolve("/proc/self/cwd").error()).contains("another process");
    assertThat(resolver.resolve("/proc/self/fd/0").resolved()).isFalse();
  }

  @Test
  void tildeIsTheShellsHome() {
    assertThat(resolver.resolve("~").real()).isEqualTo(home);
    assertThat(resolver.resolve("~/ws/a").real()).isEqualTo(ws.resolve("a"));
  }

  @Test
  void aSymlinkIntoThisProcesssViewIsRefusedEvenWhereRealpathWouldAnswer() throws IOException {
    Files.createSymbolicLink(ws.resolve("here"), Path.of("/proc/self/cwd"));
    assertThat(Path.of("/proc/self/cwd").toRealPath()).isNotNull(); // realpath answers for us
    ResolvedPath r = resolver.resolve("here/anything");
    assertThat(r.resolved()).isFalse();
    assertThat(r.error()).contains("another process");
  }

  @Test
  void aPathWithoutLinksResolvesToItself() {
    ResolvedPath r = resolver.resolve("a//b/./");
    assertThat(r.exists()).isTrue();
    assertThat(r.real()).isEqualTo(ws.resolve("a/b"));
    assertThat(r.lexical()).isEqualTo(ws.resolve("a/b").toString());
  }
}
