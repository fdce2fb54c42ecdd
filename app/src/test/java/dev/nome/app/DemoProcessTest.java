package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nome demo --exit} as a newcomer runs it: its own process and NOME folder, nothing serving
 * yet; the person approves with {@code nome approvals approve ID}, the line the terminal shows.
 */
class DemoProcessTest {

  private static final Pattern APPROVE = Pattern.compile("nome approvals approve (\\S+)");

  @Test
  @Timeout(150)
  void aNewcomerRunsTheDemoAndApprovesFromTheTerminal(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("server");
    Path ws = dir.resolve("demo");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "demo",
                    "--exit",
                    "--port",
                    "0",
                    "--data-dir",
                    dataDir.toString(),
                    "--workspace",
                    ws.toString()))
            .redirectErrorStream(true);
    pb.environment().put("NOME_HOME", dir.resolve("home").toString());
    Process demo = pb.start();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean approved = false;
      while ((line = out.readLine()) != null) {
        seen.append(line).append('\n');
        Matcher m = APPROVE.matcher(line);
        if (!approved && m.find()) {
          // The owner token the control plane left in its data directory: no login needed.
          assertThat(Main.run("approvals", "approve", m.group(1), "--data-dir", dataDir.toString()))
              .isZero();
          approved = true;
        }
      }
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      demo.destroyForcibly();
    }
    String text = seen.toString();
    assertThat(demo.exitValue()).as(text).isZero();
    assertThat(text)
        .contains("NOME control plane: http://127.0.0.1:")
        .contains("First sign-in: open this one-time link")
        .contains("shell: approved")
        .contains("the audit bundle verified")
        .contains("The demo went as scripted.")
        .contains("Stopping the control plane started for this demo.");
    String env = Files.readString(ws.resolve(".env")).strip();
    assertThat(text).doesNotContain(env.substring(env.indexOf('=') + 1));
    assertThat(ws.resolve("build")).doesNotExist();
    assertThat(Main.run("audit", "verify", ws.resolve(Demo.BUNDLE).toString())).isZero();
  }

  @Test
  void keepServingAndExitAreExclusive() {
    assertThat(Main.run("demo", "--keep-serving", "--exit")).isEqualTo(2);
  }
}
