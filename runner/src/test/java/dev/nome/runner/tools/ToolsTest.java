package dev.nome.runner.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.policy.Policies;
import dev.nome.core.policy.files.FileGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in tools on real files and real processes, inside a workspace with the real gateway.
 */
class ToolsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path root;
  Path outside;
  Workspace ws;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("ws"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Path home = Files.createDirectories(dir.resolve("home"));
    FileGateway gateway = FileGateway.create(root, home, home, Policies.shippedPolicy().files());
    ws =
        new Workspace(
            gateway,
            Map.of("PATH", System.getenv("PATH"), "HOME", home.toString()),
            List.of("NOME_TEST_SECRET"),
            new ToolLimits(Duration.ofSeconds(3), 200, 10_000, 100));
  }

  static JsonNode in(Map<String, Object> m) {
    return JSON.valueToTree(m);
  }

  @Test
  void readWriteAndEditStayInsideTheWorkspace() throws Exception {
    new WriteFileTool().run(in(Map.of("path", "a.txt", "content", "one two three")), ws);
    assertThat(root.resolve("a.txt")).hasContent("one two three");
    assertThat(new ReadFileTool().run(in(Map.of("path", "a.txt")), ws).text())
        .isEqualTo("one two three");
    new EditFileTool().run(in(Map.of("path", "a.txt", "old_text", "two", "new_text", "2")), ws);
    assertThat(root.resolve("a.txt")).hasContent("one 2 three");
    assertThatThrownBy(
            () ->
                new EditFileTool()
                    .run(in(Map.of("path", "a.txt", "old_text", "zzz", "new_text", "x")), ws))
        .isInstanceOf(ToolException.class);

    // Outside the workspace, by absolute path, by .., and through a symlink: refused.
    Files.writeString(outside.resolve("b.txt"), "outside");
    Files.createSymbolicLink(root.resolve("link"), outside);
    for (String p :
        List.of(outside.resolve("b.txt").toString(), "../outside/b.txt", "link/b.txt")) {
      assertThatThrownBy(() -> new ReadFileTool().run(in(Map.of("path", p)), ws))
          .as(p)
          .isInstanceOf(ToolException.class)
          .hasMessageContaining("not allowed");
      assertThatThrownBy(() -> new WriteFileTool().run(in(Map.of("path", p, "content", "x")), ws))
          .as(p)
          .isInstanceOf(ToolException.class);
    }
    assertThat(outside.resolve("b.txt")).hasContent("outside");
    // A credential file in the workspace is refused by the default rules.
    Files.writeString(root.resolve(".env"), "TOKEN=x");
    assertThatThrownBy(() -> new ReadFileTool().run(in(Map.of("path", ".env")), ws))
        .isInstanceOf(ToolException.class);
  }

  @Test
  void listAndSearchShowNamesButNeverOpenProtectedFiles() throws Exception {
    Files.writeString(root.resolve("main.txt"), "alpha\nneedle here\n");
    Files.writeString(root.resolve(".env"), "needle=secret\n");
    Files.createDirectories(root.resolve("sub"));
    String list = new ListDirTool().run(in(Map.of()), ws).text();
    assertThat(list).contains("main.txt", ".env", "sub/");
    String found = new SearchTool().run(in(Map.of("pattern", "needle")), ws).text();
    assertThat(found).contains("main.txt:2: needle here");
    assertThat(found).doesNotContain("secret").contains("1 not readable by policy");
  }

  @Test
  void shellRunsInTheWorkspaceWithTheFilteredEnvironment() throws Exception {
    ToolOutput out =
        new ShellTool().run(in(Map.of("command", "pwd; echo \"[$NOME_TEST_SECRET]\"; exit 3")), ws);
    assertThat(out.text()).contains(root.toRealPath().toString()).contains("[]");
    assertThat(out.exitCode()).hasValue(3);
    assertThat(out.success()).isFalse();
  }

  @Test
  void credentialsInTheRunnersEnvironmentNeverReachAShellCommand() throws Exception {
    String canary = "canary-" + Long.toHexString(System.nanoTime()) + "-do-not-leak";
    Workspace real =
        Workspace.open(
            root,
            Policies.shippedPolicy().files(),
            ToolLimits.standard(),
            Map.of(
                "PATH", System.getenv("PATH"),
                "HOME", dir.resolve("home").toString(),
                "LANG", "C.UTF-8",
                "ACME_API_TOKEN", canary,
                "ANTHROPIC_API_KEY", canary,
                "NOME_DEVICE_SECRET", canary,
                "SOME_RANDOM_SETTING", canary));
    ToolOutput out = new ShellTool().run(in(Map.of("command", "env")), real);
    assertThat(out.text()).contains("LANG=C.UTF-8").doesNotContain(canary);
    assertThat(real.withheld())
        .containsExactlyInAnyOrder("ACME_API_TOKEN", "ANTHROPIC_API_KEY", "NOME_DEVICE_SECRET");
  }

  @Test
  void shellOutputIsCappedAndATimeoutKillsTheWholeProcessTree() throws Exception {
    ToolOutput big = new ShellTool().run(in(Map.of("command", "seq 1 100000")), ws);
    assertThat(big.text()).contains("[output cut:");
    assertThat(big.text().length()).isLessThan(400);

    // A child in the background that would write a file after the limit must be killed too.
    long start = System.nanoTime();
    ToolOutput slow =
        new ShellTool()
            .run(in(Map.of("command", "(sleep 6; touch late.txt) & echo started; sleep 30")), ws);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(slow.success()).isFalse();
    assertThat(slow.text()).contains("started").contains("time limit");
    // Nothing of the command is left: no process still has the workspace as its directory.
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 6"))
                .count())
        .isZero();
    assertThat(root.resolve("late.txt")).doesNotExist();
  }
}
