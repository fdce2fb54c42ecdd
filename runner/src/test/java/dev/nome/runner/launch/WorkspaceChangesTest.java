package dev.nome.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's {@code changes.diff}: what changed, shown only where the file policy allows. */
class WorkspaceChangesTest {

  @TempDir Path ws;

  @Test
  void nothingChangedIsAnEmptyDiff() throws Exception {
    Files.writeString(ws.resolve("a.txt"), "one\n");
    WorkspaceChanges before = WorkspaceChanges.snapshot(ws, p -> true);
    assertThat(before.diff()).isEmpty();
  }

  @Test
  void createdChangedAndDeletedFilesAsAUnifiedDiff() throws Exception {
    Files.writeString(ws.resolve("keep.txt"), "same\n");
    Files.writeString(ws.resolve("edit.txt"), "one\ntwo\nthree\n");
    Files.writeString(ws.resolve("gone.txt"), "bye\n");
    WorkspaceChanges before = WorkspaceChanges.snapshot(ws, p -> true);

    Files.writeString(ws.resolve("edit.txt"), "one\n2\nthree\n");
    Files.delete(ws.resolve("gone.txt"));
    Files.createDirectories(ws.resolve("src"));
    Files.writeString(ws.resolve("src/new.txt"), "hello\n");

    String diff = before.diff();
    assertThat(diff)
        .contains("--- a/edit.txt\n+++ b/edit.txt\n")
        .contains("-two\n+2\n")
        .contains("--- a/gone.txt\n+++ /dev/null\n")
        .contains("-bye\n")
        .contains("--- /dev/null\n+++ b/src/new.txt\n")
        .contains("+hello\n")
        .doesNotContain("keep.txt");
  }

  @Test
  void filesThePolicyKeepsFromTheAgentAreNamedButNeverRead() throws Exception {
    Files.writeString(ws.resolve(".env"), "TOKEN=first\n");
    WorkspaceChanges before =
        WorkspaceChanges.snapshot(ws, p -> !p.getFileName().toString().equals(".env"));
    Files.writeString(ws.resolve(".env"), "TOKEN=second value\n");
    String diff = before.diff();
    assertThat(diff).contains("# .env: changed").doesNotContain("first").doesNotContain("second");
  }

  @Test
  void binaryFilesAreNamedWithTheirSizesAndGitIsSkipped() throws Exception {
    Files.write(ws.resolve("img.bin"), new byte[] {1, 0, 2});
    Files.createDirectories(ws.resolve(".git"));
    Files.writeString(ws.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    WorkspaceChanges before = WorkspaceChanges.snapshot(ws, p -> true);
    Files.write(ws.resolve("img.bin"), new byte[] {1, 0, 2, 3});
    Files.writeString(ws.resolve(".git/HEAD"), "ref: refs/heads/other\n");
    assertThat(before.diff())
        .isEqualTo(
            "# img.bin: changed (3 bytes -> 4 bytes; binary, large or not readable under the file"
                + " policy: contents not shown)\n");
  }
}
