package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * P3 under {@code strace -f}: a whole seat run of each provider CLI, in which every process of
 * NOME's own (the JVM and its threads, the process launcher, the hook scripts) is told apart from
 * the CLI's, and none of NOME's opened a path under {@code ~/.claude}, {@code ~/.codex} or {@code
 * ~/.gemini}. The CLI's own processes do open their configuration: the check would see it.
 */
class SeatStraceTest {

  @TempDir Path tmp;
  Path dir;

  private static final Pattern EXECVE = Pattern.compile("^execve\\(\"([^\"]*)\", \\[([^\\]]*)\\]");
  // strace pads short calls to a column: "vfork()      = 123".
  private static final Pattern CHILD =
      Pattern.compile("^(?:clone3?|vfork|fork)\\(.*\\)\\s*= (\\d+)$");
  private static final Pattern OPEN =
      Pattern.compile("^(?:openat|open|creat)\\((?:[^,]*, )?\"([^\"]*)\"");

  private static final Pattern PROVIDER = Pattern.compile("/(claude|codex|gemini)$");
  private static final Pattern PROVIDER_ARG = Pattern.compile("/(claude|codex|gemini)(\\.js)?\"");

  /** Who a process is, as it changes at each execve. */
  private enum Owner {
    NOME,
    PROVIDER
  }

  record Opened(int pid, Owner owner, String path) {}

  @ParameterizedTest
  @FieldSource("dev.nome.app.gate.Seats#ALL")
  void noProcessOfNomesOwnOpensTheCliConfiguration(String cli) throws Exception {
    Path strace = Path.of("/usr/bin/strace");
    assumeTrue(Files.isExecutable(strace), "strace is installed by ./test");
    assumeTrue(
        Files.isExecutable(Seats.executable(cli)), cli + " is installed by ./test (.ci/tools)");
    dir = tmp;
    // The user signs in before the run, outside the trace: only the run is traced.
    Path home = Files.createDirectories(dir.resolve("run/home"));
    String key = Seats.key(cli);
    Seats.signIn(cli, home, key);
    Path traces = Files.createDirectories(dir.resolve("trace"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                strace.toString(),
                "-f",
                "-ff",
                "-qq",
                "-e",
                "trace=openat,open,creat,execve,clone,clone3,vfork,fork",
                "-o",
                traces.resolve("t").toString(),
                java,
                "-Dnome.test.providerClis=" + System.getProperty("nome.test.providerClis", ""),
                "-cp",
                System.getProperty("java.class.path"),
                StracedSeatRun.class.getName(),
                dir.resolve("run").toString(),
                cli,
                key)
            .redirectErrorStream(true);
    pb.environment()
        .put("nome.test.providerClis", System.getProperty("nome.test.providerClis", ""));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assumeTrue(
        !out.contains("PTRACE_TRACEME") && !out.contains("Operation not permitted"),
        "this machine does not allow ptrace");
    assertThat(p.exitValue()).as(out).isZero();

    List<Opened> opened = attribute(traces);
    String homeDir = home.toString();
    List<String> configs =
        List.of(
            homeDir + "/.claude",
            homeDir + "/.codex",
            homeDir + "/.gemini",
            homeDir + "/.claude.json");
    List<Opened> nomes =
        opened.stream()
            .filter(o -> o.owner() == Owner.NOME)
            .filter(o -> configs.stream().anyMatch(c -> o.path().startsWith(c)))
            .toList();
    assertThat(nomes).as("paths NOME's own processes opened in the CLI's configuration").isEmpty();
    // Codex's and Gemini CLI's homes for a run are NOME's folders for it (the sign-in reached
    // through links there).
    String own =
        switch (cli) {
          case "codex" -> "/codex-home/";
          case "gemini" -> "/gemini-home/.gemini/";
          default -> homeDir + "/.claude";
        };
    assertThat(opened)
        .as("the trace sees the CLI open its own configuration")
        .anyMatch(o -> o.owner() == Owner.PROVIDER && o.path().contains(own));
    assertThat(opened)
        .as("the trace sees NOME's hook scripts")
        .anyMatch(o -> o.owner() == Owner.NOME && o.path().endsWith("/token"));
  }

  /** Every open of every traced process, with whose process it was at that moment. */
  static List<Opened> attribute(Path traces) throws IOException {
    Map<Integer, List<String>> lines = new HashMap<>();
    try (Stream<Path> files = Files.list(traces)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        int pid = Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
        lines.put(pid, Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    Map<Integer, Integer> parent = new HashMap<>();
    for (var e : lines.entrySet()) {
      for (String l : e.getValue()) {
        Matcher m = CHILD.matcher(l);
        if (m.find()) {
          parent.put(Integer.parseInt(m.group(1)), e.getKey());
        }
      }
    }
    List<Opened> out = new ArrayList<>();
    for (int pid : lines.keySet()) {
      if (!parent.containsKey(pid)) {
        walk(pid, Owner.NOME, lines, out);
      }
    }
    return out;
  }

  private static void walk(
      int pid, Owner owner, Map<Integer, List<String>> lines, List<Opened> out) {
    Owner now = owner;
    for (String l : lines.getOrDefault(pid, List.of())) {
      Matcher exec = EXECVE.matcher(l);
      if (exec.find() && l.endsWith("= 0")) {
        String argv = exec.group(2);
        if (argv.contains("hook.js")) {
          now = Owner.NOME;
        } else if (PROVIDER.matcher(exec.group(1)).find() || PROVIDER_ARG.matcher(argv).find()) {
          now = Owner.PROVIDER;
        }
        continue;
      }
      Matcher child = CHILD.matcher(l);
      if (child.find()) {
        walk(Integer.parseInt(child.group(1)), now, lines, out);
        continue;
      }
      Matcher open = OPEN.matcher(l);
      if (open.find()) {
        out.add(new Opened(pid, now, open.group(1)));
      }
    }
  }
}
