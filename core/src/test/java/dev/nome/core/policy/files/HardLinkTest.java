package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.policy.Access;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardLinkTest {

  @TempDir Path temp;

  @Test
  void aProtectedFileCreatedAfterTheFirstCheckIsStillCaught() throws IOException {
    GatewayTree tree = new GatewayTree(temp);
    FileGateway gate = tree.gateway(List.of());
    // builds the protected set
    assertThat(gate.check("innocent.txt", Access.READ).allowed()).isFalse();
    assertThat(gate.check("copy_readme.md", Access.READ).allowed()).isTrue();
    Files.writeString(tree.home.resolve(".aws/new_token"), "secret");
    Files.createLink(tree.workspace.resolve("later.txt"), tree.home.resolve(".aws/new_token"));
    assertThat(gate.check("later.txt", Access.READ).rules())
        .anySatisfy(r -> assertThat(r).startsWith("none: hard link to a protected file"));
  }

  @Test
  void tooManyProtectedFilesToCompareDeniesEveryMultiplyLinkedFile() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("protected"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(dir.resolve("f" + i), "x");
    }
    ProtectedInodes small = new ProtectedInodes(List.of(dir), 60_000, 3);
    Path a = Files.writeString(temp.resolve("a"), "x");
    Files.createLink(temp.resolve("b"), a);
    assertThat(small.refuse(FileId.of(a))).contains("too many files");
    ProtectedInodes enough = new ProtectedInodes(List.of(dir), 60_000, 100);
    assertThat(enough.refuse(FileId.of(a))).isNull();
    Files.createLink(dir.resolve("link"), a);
    assertThat(enough.refuse(FileId.of(a))).isEqualTo("hard link to a protected file");
  }

  @Test
  void aProtectedDirectoryThatIsASymlinkIsWalkedAtItsTarget() throws IOException {
    Path real = Files.createDirectories(temp.resolve("elsewhere/ssh"));
    Path secret = Files.writeString(real.resolve("id_rsa"), "key");
    Path home = Files.createDirectories(temp.resolve("home"));
    Files.createSymbolicLink(home.resolve(".ssh"), real);
    Path link = temp.resolve("copy");
    Files.createLink(link, secret);
    ProtectedInodes inodes = new ProtectedInodes(List.of(home.resolve(".ssh")), 60_000, 100);
    assertThat(inodes.refuse(FileId.of(link))).isEqualTo("hard link to a protected file");
  }
}
