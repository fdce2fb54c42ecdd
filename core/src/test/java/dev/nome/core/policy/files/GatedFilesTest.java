package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatedFilesTest {

  @TempDir Path temp;
  GatewayTree tree;
  FileGateway gateway;
  GatedFiles files;

  @BeforeEach
  void setUp() throws IOException {
    tree = new GatewayTree(temp);
    gateway = tree.gateway(List.of());
    files = new GatedFiles(gateway);
  }

  @Test
  void readsAndWritesInsideTheWorkspace() throws IOException {
    files.write("src/Hello.txt", "hi".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(files.readAllBytes("src/Hello.txt"), StandardCharsets.UTF_8))
        .isEqualTo("hi");
    files.write("srclink/Hello.txt", "again".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(tree.workspace.resolve("src/Hello.txt"))).isEqualTo("again");
  }

  @Test
  void refusesWhatTheGatewayRefuses() {
    assertThatThrownBy(() -> files.readAllBytes("keys/id_rsa"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("~/.ssh");
    assertThatThrownBy(() -> files.readAllBytes("innocent.txt"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("hard link to a protected file");
    assertThatThrownBy(() -> files.write("keys/new", new byte[1]))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(tree.home.resolve(".ssh/new")).doesNotExist();
  }

  @Test
  void aMissingFileOrDirectoryIsReported() {
    assertThatThrownBy(() -> files.readAllBytes("src/nope.txt"))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> files.write("no/such/dir/x.txt", new byte[1]))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aFileSwappedForASymlinkAfterTheCheckIsRefused() throws IOException {
    Path target = tree.workspace.resolve("src/swap.txt");
    Files.writeString(target, "harmless");
    FileGateway.Judgement judged = gateway.judge("src/swap.txt", dev.nome.core.policy.Access.READ);
    assertThat(judged.verdict().allowed()).isTrue();
    // The attacker's move between check and open:
    Files.delete(target);
    Files.createSymbolicLink(target, tree.home.resolve(".ssh/id_rsa"));
    assertThatThrownBy(() -> files.openJudged("src/swap.txt", judged))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("could not be opened as judged");
  }

  @Test
  void aFileReplacedByAnotherAfterTheCheckIsRefused() throws IOException {
    Path target = tree.workspace.resolve("src/swap.txt");
    Files.writeString(target, "harmless");
    FileGateway.Judgement judged = gateway.judge("src/swap.txt", dev.nome.core.policy.Access.READ);
    Files.delete(target);
    Files.createLink(target, tree.home.resolve(".ssh/id_rsa"));
    assertThatThrownBy(() -> files.openJudged("src/swap.txt", judged))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("replaced");
  }

  @Test
  void anExistingSymlinkIsNeverWrittenThrough() throws IOException {
    // A symlink created inside the workspace after the check points at a protected file.
    Path link = tree.workspace.resolve("src/late.txt");
    FileGateway.Judgement judged = gateway.judge("src/late.txt", dev.nome.core.policy.Access.WRITE);
    assertThat(judged.verdict().allowed()).isTrue();
    Files.createSymbolicLink(link, tree.home.resolve(".bashrc"));
    String before = Files.readString(tree.home.resolve(".bashrc"));
    assertThatThrownBy(() -> files.createJudged("src/late.txt", judged))
        .isInstanceOf(IOException.class);
    assertThat(Files.readString(tree.home.resolve(".bashrc"))).isEqualTo(before);
  }

  @Test
  void aFileSwappedBeforeATruncatingOpenIsLeftUntouched() throws IOException {
    Path target = tree.workspace.resolve("src/notes.txt");
    Files.writeString(target, "mine");
    FileGateway.Judgement judged =
        gateway.judge("src/notes.txt", dev.nome.core.policy.Access.WRITE);
    assertThat(judged.verdict().allowed()).isTrue();
    String before = Files.readString(tree.home.resolve(".bashrc"));
    Files.delete(target);
    Files.createLink(target, tree.home.resolve(".bashrc"));
    assertThatThrownBy(() -> files.writeJudged("src/notes.txt", judged, false))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(Files.readString(tree.home.resolve(".bashrc"))).isEqualTo(before);
  }

  @Test
  void aDirectorySwappedBeforeCreatingLeavesNoFileBehind() throws IOException {
    Path dir = Files.createDirectories(tree.workspace.resolve("out"));
    FileGateway.Judgement judged = gateway.judge("out/new.txt", dev.nome.core.policy.Access.WRITE);
    assertThat(judged.verdict().allowed()).isTrue();
    Files.delete(dir);
    Files.createSymbolicLink(dir, tree.home.resolve(".ssh"));
    assertThatThrownBy(() -> files.writeJudged("out/new.txt", judged, false))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(tree.home.resolve(".ssh/new.txt")).doesNotExist();
  }
}
