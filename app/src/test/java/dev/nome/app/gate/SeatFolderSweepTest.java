package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.route.StopReason;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.seats.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders that seat runs left behind when they did not get to their end go at a later sweep, by the
 * control plane's word: those of ended runs and of runs that are not this host's; never one whose
 * run may still be going, and nothing while the control plane cannot answer.
 */
class SeatFolderSweepTest {

  @TempDir Path dir;

  @Test
  void foldersOfEndedAndForeignRunsGoAndAnOpenRunsStays() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      RunsClient registry = new RunsClient(f.plane.url(), f.deviceToken, f.scrubber);
      f.record("run-open");
      f.record("run-ended");
      registry.status(
          "run-ended",
          "stopped",
          Optional.empty(),
          Optional.of(StopReason.INTERNAL_ERROR),
          Optional.of("the runner was killed"));
      assertThat(registry.standing("run-open")).isEqualTo(RunsClient.Standing.OPEN);
      assertThat(registry.standing("run-ended")).isEqualTo(RunsClient.Standing.ENDED);
      assertThat(registry.standing("run-elsewhere")).isEqualTo(RunsClient.Standing.NOT_THIS_HOSTS);

      Path seats = dir.resolve("nome/seats");
      for (String name : new String[] {"run-open", "run-ended", "run-elsewhere", "not a run id"}) {
        Files.writeString(
            Files.createDirectories(seats.resolve(name).resolve("codex-home")).resolve("log"),
            "what the CLI kept");
      }

      assertThat(RunFolder.sweep(seats, id -> registry.standing(id) != RunsClient.Standing.OPEN))
          .containsExactly("run-elsewhere", "run-ended");
      assertThat(seats.resolve("run-open/codex-home/log")).exists();
      assertThat(seats.resolve("not a run id/codex-home/log")).exists();
      assertThat(seats.resolve("run-ended")).doesNotExist();
      assertThat(seats.resolve("run-elsewhere")).doesNotExist();

      // With the control plane gone, nothing is decided and nothing goes.
      f.record("run-later");
      Files.createDirectories(seats.resolve("run-later"));
      f.stopPlane();
      assertThatThrownBy(
              () -> RunFolder.sweep(seats, id -> registry.standing(id) != RunsClient.Standing.OPEN))
          .isInstanceOf(IOException.class);
      assertThat(seats.resolve("run-later")).exists();
      assertThat(seats.resolve("run-open")).exists();
      f.restartPlane();
      assertThat(RunFolder.sweep(seats, id -> registry.standing(id) != RunsClient.Standing.OPEN))
          .isEmpty();
    }
  }
}
