package dev.nome.app.gate;

import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.launch.RunNotices;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.launch.SeatSession;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A whole seat run in a process of its own (control plane, runner and gate in this JVM; the
 * provider CLI and NOME's hook scripts as its children), for {@link SeatStraceTest} to run under
 * {@code strace}: one read and one listing through the seat of {@code CLI} ({@code claude}, {@code
 * codex} or {@code gemini}), which the user signed in to under {@code DIR/home} with {@code KEY}
 * (as {@link #key} makes it) before the run. Exits 0 when the run succeeded.
 *
 * <pre>java … StracedSeatRun DIR CLI KEY</pre>
 */
public final class StracedSeatRun {

  private StracedSeatRun() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String cli = args[1];
    Path ws = Files.createDirectories(dir.resolve("workspace")).toRealPath();
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(ws.resolve("README.md"), "a project\n");
    String key = args[2];
    String script =
        switch (cli) {
          case "codex" ->
              "{\"turns\":[{\"toolCalls\":["
                  + CodexSeats.shell("call_1", "cat README.md")
                  + "]},{\"toolCalls\":["
                  + CodexSeats.shell("call_2", "ls")
                  + "]},{\"text\":\"Done.\"}]}";
          case "gemini" ->
              "{\"turns\":[{\"toolCalls\":["
                  + GeminiSeats.call("c1", "read_file", "{\"file_path\":\"README.md\"}")
                  + "]},{\"toolCalls\":["
                  + GeminiSeats.shell("c2", "ls")
                  + "]},{\"text\":\"Done.\"}]}";
          default ->
              "{\"turns\":[{\"text\":\"Read.\",\"toolCalls\":[{\"id\":\"toolu_01\",\"name\":"
                  + "\"Read\",\"input\":{\"file_path\":"
                  + WebClient.JSON.valueToTree(ws.resolve("README.md").toString())
                  + "}}]},{\"text\":\"List.\",\"toolCalls\":["
                  + ClaudeSeatEndToEndTest.bash("toolu_02", "ls")
                  + "]},{\"text\":\"Done.\"}]}";
        };
    int exit = 1;
    try (TestByok t =
        TestByok.start(
            dir.resolve("server"),
            Optional.empty(),
            key,
            ScriptedTurn.parse(script),
            UnaryOperator.identity())) {
      byte[] fp = new byte[32];
      new SecureRandom().nextBytes(fp);
      SeatRunFixture seat =
          SeatRunFixture.create(
              t, dir, ws, SecretScrubber.create(fp), "read and list", cli, "pinned");
      Map<String, String> env =
          Map.of(
              "PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8");
      RunResult r =
          new SeatSession(
                  seat.host(),
                  seat.registry(),
                  Seats.seat(
                      cli, t.model, key, SeatProbe.find("node", env).orElseThrow(), home, 60),
                  env,
                  Gate.Timing.standard())
              .run(seat.workItem(), seat.run(), seat.plan(), RunListener.NONE, new RunNotices() {});
      System.out.println("outcome: " + r.outcome().status() + " " + r.outcome().message());
      exit = r.outcome().succeeded() ? 0 : 1;
    }
    System.exit(exit);
  }
}
