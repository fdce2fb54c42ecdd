package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

  @TempDir Path dir;

  @Test
  void theFolderGoesWithEverythingInItAndWhatItsLinksPointToStays() throws Exception {
    // The user's own files, which a run's CLI home links to.
    Path userHome = Files.createDirectories(dir.resolve("user/.gemini"));
    Path signIn = Files.writeString(userHome.resolve("oauth_creds.json"), "{\"token\":\"t\"}");
    Path userFolder = Files.createDirectories(dir.resolve("user/shared"));
    Files.writeString(userFolder.resolve("keep.txt"), "keep");

    Path run = Files.createDirectories(dir.resolve("nome/seats/run-1"));
    Files.writeString(run.resolve("token"), "hook token");
    Path home = Files.createDirectories(run.resolve("gemini-home/.gemini/tmp/chats"));
    Files.writeString(home.resolve("session.json"), "tool output with a secret in it");
    Files.createSymbolicLink(run.resolve("gemini-home/.gemini/oauth_creds.json"), signIn);
    Files.createSymbolicLink(run.resolve("gemini-home/shared"), userFolder);
    Files.createSymbolicLink(run.resolve("gone"), dir.resolve("nothing-here"));

    RunFolder.delete(run);

    assertThat(run).doesNotExist();
    assertThat(dir.resolve("nome/seats")).isEmptyDirectory();
    assertThat(signIn).hasContent("{\"token\":\"t\"}");
    assertThat(userFolder.resolve("keep.txt")).hasContent("keep");
  }

  @Test
  void aFolderThatIsALinkLosesTheLinkOnlyAndAMissingOneIsFine() throws Exception {
    Path target = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(target.resolve("file.txt"), "stays");
    Path link = Files.createSymbolicLink(dir.resolve("run-2"), target);

    RunFolder.delete(link);
    RunFolder.delete(dir.resolve("never-made"));

    assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(target.resolve("file.txt")).hasContent("stays");
  }

  @Test
  void aLiveRunsFolderStaysAndAnOrphansIsEmptiedAndGoesOnceSettled() throws Exception {
    Path seats = dir.resolve("seats");
    List<String> asked = new ArrayList<>();
    try (RunFolder live = RunFolder.claim(seats, "run-live")) {
      Files.writeString(Files.createDirectories(live.path()).resolve("session.jsonl"), "live");
      Path orphan = Files.createDirectories(seats.resolve("run-orphan/home"));
      Files.writeString(orphan.resolve("session.jsonl"), "left behind");
      Files.createDirectories(seats.resolve("not a run"));

      // The control plane cannot be told now: the record goes, an empty folder stays.
      assertThat(RunFolder.sweep(seats, id -> asked.add(id) && false))
          .containsExactly("run-orphan");
      assertThat(seats.resolve("run-orphan")).isEmptyDirectory();
      assertThat(live.path().resolve("session.jsonl")).hasContent("live");
      assertThat(seats.resolve("not a run")).isDirectory();

      // Told the next time: the folder goes with its lock file.
      assertThat(RunFolder.sweep(seats, asked::add)).isEmpty();
      assertThat(asked).containsExactly("run-orphan", "run-orphan");
      assertThat(seats.resolve("run-orphan")).doesNotExist();
      assertThat(seats.resolve("run-orphan.lock")).doesNotExist();
      assertThat(live.path()).isDirectory();
      assertThatThrownBy(() -> RunFolder.claim(seats, "run-live")).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> RunFolder.claim(seats, "../run-live"))
          .isInstanceOf(IOException.class);
    }
    assertThat(seats.resolve("run-live")).doesNotExist();
    assertThat(seats.resolve("run-live.lock")).doesNotExist();
  }

  @Test
  void aRunHeldByAnotherProcessStaysAndGoesOnceThatProcessIsKilled() throws Exception {
    Path seats = dir.resolve("seats");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RunFolderHolder.class.getName(),
                seats.toString(),
                "run-elsewhere")
            .redirectErrorStream(true)
            .start();
    try {
      var out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo(RunFolderHolder.HELD);

      assertThat(RunFolder.sweep(seats, id -> true)).isEmpty();
      assertThat(seats.resolve("run-elsewhere/session.jsonl")).exists();

      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(RunFolder.sweep(seats, id -> true)).containsExactly("run-elsewhere");
      assertThat(seats.resolve("run-elsewhere")).doesNotExist();
    } finally {
      holder.destroyForcibly();
    }
  }
}
