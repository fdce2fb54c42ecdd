package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code and Codex CLI from npm (installed by .ci/run into .ci/tools), run under a
 * throw-away HOME. The test command passes their bin folder in the system property {@value
 * #PROPERTY}.
 */
class RealProviderClisTest {

  static final String PROPERTY = "nome.test.providerClis";

  static Path bin;
  @TempDir Path home;

  @BeforeAll
  static void findClis() {
    String dir = System.getProperty(PROPERTY, System.getenv("NOME_TEST_PROVIDER_CLIS"));
    if (dir == null
        || !Files.isExecutable(Path.of(dir, "claude"))
        || !Files.isExecutable(Path.of(dir, "codex"))) {
      throw new IllegalStateException(
          "the provider CLIs are not installed (looked in "
              + dir
              + "); run .ci/run once, or: npm install --prefix .ci/tools"
              + " @anthropic-ai/claude-code@2.1.197 @openai/codex@0.171.0");
    }
    bin = Path.of(dir);
  }

  Map<String, String> runnerEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put(
        "PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    return env;
  }

  @Test
  void signedOutClisAreReportedSignedOutWithTheirVersions() {
    var report = new SeatProbe(EnvironmentFilter.standard(), runnerEnvironment()).probe();
    assertThat(report.seats())
        .contains(new SeatState("claude-code", "2.1.197", "signed-out", "none"))
        .contains(new SeatState("codex", "0.171.0", "signed-out", "none"))
        // Gemini CLI has no status command: its sign-in shows at its first run.
        .contains(new SeatState("gemini", "0.61.0", "unknown-until-first-run", "none"));
    assertThat(report.withheld()).isEmpty();
  }

  @Test
  void aKeyInTheRunnersEnvironmentIsWithheldSoClaudeStillReportsSignedOut() {
    Map<String, String> env = runnerEnvironment();
    env.put("ANTHROPIC_API_KEY", "sk-ant-api03-FAKEFAKEFAKE-0000");
    env.put("OPENAI_API_KEY", "sk-proj-FAKEFAKEFAKE-1111");
    var report = new SeatProbe(EnvironmentFilter.standard(), env).probe();
    assertThat(report.seats())
        .contains(new SeatState("claude-code", "2.1.197", "signed-out", "none"))
        .contains(new SeatState("codex", "0.171.0", "signed-out", "none"));
    assertThat(report.withheld()).containsExactly("ANTHROPIC_API_KEY", "OPENAI_API_KEY");
    assertThat(report.toJson()).doesNotContain("FAKEFAKE");
  }

  @Test
  void codexSignedInWithAnApiKeyIsReducedToItsClassWithoutTheKeyFragment() throws Exception {
    // Sign Codex in the way a user would, by its own command, inside the throw-away HOME.
    Path codexHome = home.resolve(".codex");
    Files.createDirectories(codexHome);
    ProcessBuilder login =
        new ProcessBuilder(bin.resolve("codex").toString(), "login", "--with-api-key");
    login.environment().clear();
    login.environment().putAll(runnerEnvironment());
    login.redirectErrorStream(true);
    Process p = login.start();
    p.getOutputStream().write("sk-proj-TESTTESTTESTTEST98765\n".getBytes());
    p.getOutputStream().close();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();

    var report = new SeatProbe(EnvironmentFilter.standard(), runnerEnvironment()).probe();
    assertThat(report.seats()).contains(new SeatState("codex", "0.171.0", "signed-in", "api-key"));
    assertThat(report.toJson()).doesNotContain("98765").doesNotContain("sk-proj");
  }
}
