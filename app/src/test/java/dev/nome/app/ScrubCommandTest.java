package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScrubCommandTest {

  @TempDir Path home;

  record Result(int exit, String out, String err) {}

  Result scrub(String input, String... args) {
    ScrubCommand command = new ScrubCommand();
    command.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    command.out = out;
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  @Test
  void filtersStdinToStdoutWithTheSameLines() throws Exception {
    Path key = home.resolve(".nome/fingerprint.key");
    String input =
        "build ok\nexport OPENAI_API_KEY=sk-proj-"
            + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1a"
            + "\n-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            + "-----END OPENSSH PRIVATE KEY-----\ncafé ✓\nno newline at the end";
    Result r = scrub(input, "--key-file", key.toString());
    assertThat(r.exit()).isZero();
    String[] in = input.split("\n", -1);
    String[] out = r.out().split("\n", -1);
    assertThat(out).hasSameSizeAs(in);
    assertThat(out[0]).isEqualTo("build ok");
    assertThat(out[1])
        .matches("export OPENAI_API_KEY=sk-proj-\\[REDACTED:openai-project-key:[0-9a-f]{8}\\]");
    assertThat(out[3]).matches("\\[REDACTED:openssh-private-key:[0-9a-f]{8}\\]");
    assertThat(out[5]).isEqualTo("café ✓");
    assertThat(out[6]).isEqualTo("no newline at the end");
    assertThat(Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    // The same key gives the same fingerprints next time.
    assertThat(scrub(input, "--key-file", key.toString()).out()).isEqualTo(r.out());
  }

  @Test
  void listsTheKinds() {
    Result r = scrub("", "--list-kinds", "--key-file", home.resolve("k").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().count()).isGreaterThanOrEqualTo(60);
    assertThat(r.out()).contains("github-pat\n").contains("nome-device-token\n");
  }

  @Test
  void aBadKeyFileIsOneClearLine() throws Exception {
    Path bad = home.resolve("bad.key");
    Files.writeString(bad, "not hex");
    Result r = scrub("x\n", "--key-file", bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("nome: ").contains("hex");
  }

  @Test
  void isListedAsASubcommand() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("scrub");
  }
}
