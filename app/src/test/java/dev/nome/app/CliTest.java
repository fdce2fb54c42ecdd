package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    CommandLine cli = Main.commandLineFor(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void versionPrintsTheBuildVersion() {
    for (String flag : new String[] {"--version", "-V"}) {
      Result r = run(flag);
      assertThat(r.exit()).isZero();
      assertThat(r.out().strip()).matches("nome \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
      assertThat(Main.commandLineFor(flag).getSubcommands()).containsOnlyKeys("help");
    }
  }

  @Test
  void helpListsTheCommands() {
    Result r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: nome").contains("up").contains("help");
  }

  @Test
  void aSubcommandIsBuiltAloneAndStillReadsAsPartOfNome() {
    for (Class<?> sub : Main.SUBCOMMANDS) {
      for (String name : Main.names(sub)) {
        CommandLine cli = Main.commandLineFor(name, "--help");
        List<String> expected = new ArrayList<>(Main.names(sub));
        expected.add("help");
        assertThat(cli.getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    Result r = run("scrub", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: nome scrub");
  }

  @Test
  void everySubcommandIsInTheWholeTree() {
    CommandLine all = Main.commandLineFor("--help");
    for (Class<?> sub : Main.SUBCOMMANDS) {
      assertThat(all.getSubcommands()).containsKeys(Main.names(sub).toArray(String[]::new));
    }
    assertThat(all.getSubcommands()).containsKey("help");
    assertThat(Main.commandLineFor("help", "scrub").getSubcommands()).containsKey("scrub");
    Result r = run("help", "scrub");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: nome scrub");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Result r = run("frobnicate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void upRefusesAProviderBaseUrlItCannotUse() {
    Result r =
        run("up", "--port", "0", "--provider-base-url", "openai-compatible=http://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("anthropic, openai and google only");
    r = run("up", "--port", "0", "--provider-base-url", "anthropic=ftp://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("must be http(s)://");
  }

  @Test
  void upRefusesABadDatabaseUrlWithOneLine() {
    Result r =
        run(
            "up",
            "--port",
            "0",
            "--data-dir",
            System.getProperty("java.io.tmpdir")
                + "/nome-cli-test-"
                + ProcessHandle.current().pid(),
            "--database",
            "mysql://x/y");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("nome: ").contains("postgresql://");
  }
}
