package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.core.policy.files.FileGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier and the real file gateway together: paths whose names look harmless but lead to
 * protected files (symlinks, {@code ..}) are caught by the gateway, and what the gateway allows
 * keeps its tier.
 */
class ClassifierWithGatewayTest {

  @TempDir Path home;
  Path workspace;
  Classifier classifier;

  @BeforeEach
  void setUp() throws Exception {
    workspace = Files.createDirectories(home.resolve("projects/app"));
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/id_ed25519"), "not a real key\n");
    Files.writeString(workspace.resolve("README.md"), "hello\n");
    Files.createSymbolicLink(workspace.resolve("notes.txt"), home.resolve(".ssh/id_ed25519"));
    Files.createSymbolicLink(workspace.resolve("docs"), home.resolve(".ssh"));
    FileGateway gateway = FileGateway.create(workspace, home, home, List.of());
    classifier =
        Classifier.standard().withWorkspace(workspace.toRealPath().toString()).withGate(gateway);
  }

  @Test
  void aSymlinkWithAnInnocentNameIntoSshIsDanger() {
    Classification c = classifier.classify("cat notes.txt");
    assertThat(c.tier()).isEqualTo(Tier.DANGER);
    assertThat(c.reasons().toString()).contains("notes.txt");
  }

  @Test
  void aSymlinkedDirectoryIntoSshIsDanger() {
    assertThat(classifier.classify("head docs/id_ed25519").tier()).isEqualTo(Tier.DANGER);
    assertThat(classifier.classify("cp README.md docs/authorized_keys").tier())
        .isEqualTo(Tier.DANGER);
  }

  @Test
  void dotDotOutOfTheWorkspaceIntoSshIsDanger() {
    assertThat(classifier.classify("cat ../../.ssh/id_ed25519").tier()).isEqualTo(Tier.DANGER);
  }

  @Test
  void ordinaryWorkspaceFilesKeepTheirTier() {
    assertThat(classifier.classify("cat README.md").tier()).isEqualTo(Tier.READ);
    assertThat(classifier.classify("echo hi > out.txt").tier()).isEqualTo(Tier.WRITE);
  }

  @Test
  void toolCallsOfEveryKindGetATier() {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var shell =
        new dev.nome.core.policy.ToolCall(
            "shell", "default", mapper.createObjectNode().put("command", "cat notes.txt"));
    assertThat(ToolCallTier.of(shell, classifier).tier()).isEqualTo(Tier.DANGER);
    var noCommand = new dev.nome.core.policy.ToolCall("shell", "default", null);
    assertThat(ToolCallTier.of(noCommand, classifier).tier()).isEqualTo(Tier.DANGER);
    var read = new dev.nome.core.policy.ToolCall("read_file", "default", null);
    assertThat(ToolCallTier.of(read, classifier).tier()).isEqualTo(Tier.READ);
    var mcp = new dev.nome.core.policy.ToolCall("mcp__github__merge", "default", null);
    assertThat(ToolCallTier.of(mcp, classifier).tier()).isEqualTo(Tier.DANGER);
  }
}
