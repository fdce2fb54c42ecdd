package dev.nome.server.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tests only: {@link AuditTestServer} as a real process, its output (logs included) captured. */
final class ServerProcess implements AutoCloseable {

  final Process process;
  final URI url;
  private final StringBuffer output = new StringBuffer();
  private final Thread reader;

  private ServerProcess(Process process, URI url, BufferedReader out, String seen) {
    this.process = process;
    this.url = url;
    output.append(seen);
    this.reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  output.append(line).append('\n');
                }
              } catch (IOException e) {
                output.append("[output closed]\n");
              }
            },
            "server-output");
    reader.start();
  }

  /** A test server whose one host has one run (of the reader "reviewer"), under its work item. */
  static ServerProcess start(
      Path dataDir,
      String hostId,
      String publicKeyBase64,
      String runId,
      java.util.Optional<String> workItemId)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    // Libraries at info (more than nome up's warn), NOME's own code at its most verbose.
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-Dorg.slf4j.simpleLogger.log.dev.nome=trace");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AuditTestServer.class.getName());
    command.add(dataDir.toString());
    command.add(hostId);
    command.add(publicKeyBase64);
    command.add(runId);
    workItemId.ifPresent(command::add);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith(AuditTestServer.READY)) {
        return new ServerProcess(
            p,
            URI.create(line.substring(AuditTestServer.READY.length()).strip()),
            out,
            seen.toString());
      }
    }
    throw new IllegalStateException("the test server ended before serving:\n" + seen);
  }

  /** SIGKILL: no shutdown hook, no flush, like a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Everything the process printed so far (after it ended, everything). */
  String output() throws InterruptedException {
    if (!process.isAlive()) {
      reader.join(10_000);
    }
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    reader.join(10_000);
  }
}
