package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.testing.WebClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairing commands as real processes: {@code nome up} pairs its own machine, {@code nome
 * status}, {@code nome pair unpair}, {@code nome pair} with a code approved over HTTP, and {@code
 * nome runner} stopping when the computer is revoked.
 */
class CommandsProcessTest {

  @TempDir Path tmp;

  /** A running nome process whose output lines are collected as they come. */
  static final class Nome implements AutoCloseable {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> all = new ArrayList<>();

    Nome(Path nomeHome, String... args) throws IOException {
      this(nomeHome, Map.of(), args);
    }

    /** With {@code env} added to (or replacing entries of) the inherited environment. */
    Nome(Path nomeHome, Map<String, String> env, String... args) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("NOME_HOME", nomeHome.toString());
      pb.environment().putAll(env);
      process = pb.start();
      Thread reader =
          new Thread(
              () -> {
                try (var in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for a line matching {@code regex}; returns the match. */
    Matcher await(String regex) throws InterruptedException {
      Pattern p = Pattern.compile(regex);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          continue;
        }
        all.add(line);
        Matcher m = p.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      throw new AssertionError("no line matching " + regex + " in:\n" + String.join("\n", all));
    }

    /** Waits for the process to end and returns its whole remaining output. */
    String finish() throws InterruptedException {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process ended").isTrue();
      Thread.sleep(100); // let the reader drain the closed pipe
      List<String> rest = new ArrayList<>();
      lines.drainTo(rest);
      all.addAll(rest);
      return String.join("\n", all);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  static String run(Path nomeHome, String... args) throws Exception {
    try (Nome n = new Nome(nomeHome, args)) {
      return n.finish();
    }
  }

  static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void upPairsItsOwnMachineAndUnpairStopsItsRunner() throws Exception {
    Path home = tmp.resolve("nome-home");
    try (Nome up =
        new Nome(home, "up", "--port", "0", "--data-dir", tmp.resolve("data").toString())) {
      // In the order nome up prints them.
      up.await("Paired this computer .* with the local control plane");
      URI url = URI.create(up.await("^NOME control plane: (\\S+)").group(1));
      String link = up.await("^  (http://\\S+/welcome/\\S+)$").group(1);
      assertThat(mode(home)).isEqualTo("rwx------");
      assertThat(mode(home.resolve("device_token"))).isEqualTo("rw-------");
      assertThat(mode(home.resolve("host_key"))).isEqualTo("rw-------");
      assertThat(Files.readString(home.resolve("device_token")).strip())
          .matches("nome_dt_[0-9A-Za-z]{33}");

      assertThat(run(home, "status")).contains("Server: " + url).contains("Pairing: paired as");

      // The owner's link works and shows the local machine on the Computers page.
      WebClient owner = new WebClient(url);
      String path = URI.create(link).getPath();
      owner.postForm(
          path, Map.of("password", "owner password 1"), WebClient.csrfOf(owner.get(path).body()));
      assertThat(owner.get("/computers").body()).contains("data-state=\"active\"");

      // nome login: a user token in a 0600 file, usable as the person from the terminal.
      try (Nome login = new Nome(home, "login", "--password-stdin")) {
        login
            .process
            .getOutputStream()
            .write("owner password 1\n".getBytes(StandardCharsets.UTF_8));
        login.process.getOutputStream().close();
        assertThat(login.finish()).contains("Signed in to " + url + " as owner");
      }
      assertThat(mode(home.resolve("user_token"))).isEqualTo("rw-------");
      String userToken = Files.readString(home.resolve("user_token")).strip();
      assertThat(userToken).startsWith("nome_ut_");
      assertThat(
              WebClient.json(WebClient.bearer(url, userToken, "GET", "/api/me", null))
                  .get("channel")
                  .asText())
          .isEqualTo("cli");

      String unpair = run(home, "pair", "unpair");
      assertThat(unpair)
          .contains("Revoked this computer on " + url)
          .contains("Removed the device token");
      assertThat(home.resolve("device_token")).doesNotExist();
      assertThat(home.resolve("host_key")).doesNotExist();
      up.await("pairing was revoked on the control plane; the runner stopped");
      assertThat(run(home, "status")).contains("not paired");
      assertThat(owner.get("/computers").body()).contains("data-state=\"revoked\"");

      // Pair again with a code, as on another computer, and run the runner until revoked.
      try (Nome pair = new Nome(home, "pair", "--server", url.toString(), "--name", "second")) {
        String code = pair.await("^  ([A-Z]{4}-[A-Z]{4})$").group(1);
        pair.await("Waiting for approval");
        assertThat(String.join("\n", pair.all)).contains("▀");
        owner.refreshCsrf();
        var found = owner.postForm("/pair", Map.of("code", code));
        assertThat(found.body()).contains("id=\"host-name\">second<");
        owner.postForm("/pair/decide", Map.of("code", code, "decision", "approve"));
        assertThat(pair.finish()).contains("Paired with " + url);
        assertThat(pair.process.exitValue()).isZero();
      }
      try (Nome runner = new Nome(home, "runner")) {
        runner.await("Runner connected to");
        String hostId =
            WebClient.json(owner.sendJson("GET", "/api/hosts", null, false))
                .at("/hosts/0/id")
                .asText();
        owner.postForm("/computers/" + hostId + "/revoke", Map.of());
        String out = runner.finish();
        assertThat(out).contains("pairing was revoked");
        assertThat(runner.process.exitValue()).isEqualTo(RunnerCommand.REVOKED);
      }
    }
  }

  @Test
  void aTokenFileOthersCanReadIsRefusedWithTheFix() throws Exception {
    Path home = tmp.resolve("nome-home");
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Path token = home.resolve("device_token");
    Files.writeString(token, dev.nome.core.token.TokenKind.DEVICE.generate());
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(home.resolve("config.toml"), "server = \"http://127.0.0.1:9/\"\n");
    try (Nome n = new Nome(home, "status")) {
      String out = n.finish();
      assertThat(n.process.exitValue()).isEqualTo(1);
      assertThat(out).contains("nome: ").contains("chmod 600 " + token);
    }
  }
}
