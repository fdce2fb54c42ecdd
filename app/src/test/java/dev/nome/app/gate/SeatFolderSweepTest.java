package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.core.route.StopReason;
import dev.nome.runner.launch.HostSession;
import dev.nome.runner.launch.OrphanSeatRuns;
import dev.nome.runner.runs.RunStanding;
import dev.nome.runner.runs.RunsClient;
import dev.nome.runner.seats.RunFolder;
import dev.nome.server.testing.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seat runs whose runner was killed before the end: their folders go when the next seat run starts,
 * and the control plane hears that such a run stopped; the folder of a run still going stays, and
 * so does a folder whose name is no run id.
 */
class SeatFolderSweepTest {

  @TempDir Path dir;

  /** The fixture's host as a seat run sees it. */
  static HostSession host(RunnerFixture f) {
    return new HostSession(f.plane.url(), f.deviceToken, f.hostId, f.hostKey, f.queue, f.scrubber);
  }

  @Test
  void orphanedFoldersGoTheirRunsStopAndALiveRunKeepsItsFolder() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      RunsClient registry = new RunsClient(f.plane.url(), f.deviceToken, f.scrubber);
      HostSession host = host(f);
      Path seats = host.seatsDir();
      f.record("run-live");
      f.record("run-killed");
      f.record("run-ended");
      registry.status(
          "run-ended", "succeeded", Optional.empty(), Optional.empty(), Optional.empty());
      assertThat(registry.standing("run-live")).isEqualTo(RunStanding.OPEN);
      assertThat(registry.standing("run-ended")).isEqualTo(RunStanding.ENDED);
      assertThat(registry.standing("run-elsewhere")).isEqualTo(RunStanding.NOT_THIS_HOSTS);

      try (RunFolder live = RunFolder.claim(seats, "run-live")) {
        for (String name : new String[] {"run-live", "run-killed", "run-ended", "not a run id"}) {
          Files.writeString(
              Files.createDirectories(seats.resolve(name).resolve("codex-home")).resolve("log"),
              "what the CLI kept");
        }
        // A killed run's lock file stays behind too, unlocked.
        Files.writeString(seats.resolve("run-killed.lock"), "");
        List<String> said = new ArrayList<>();

        OrphanSeatRuns.clear(host, registry, said::add);

        assertThat(said)
            .containsExactly(
                "removed the folder left by an earlier seat run, run-ended",
                "removed the folder left by an earlier seat run, run-killed");
        assertThat(seats.resolve("run-killed")).doesNotExist();
        assertThat(seats.resolve("run-killed.lock")).doesNotExist();
        assertThat(seats.resolve("run-ended")).doesNotExist();
        assertThat(live.path().resolve("codex-home/log")).exists();
        assertThat(seats.resolve("not a run id/codex-home/log")).exists();
      }
      // The killed run no longer shows as going; the ended one kept its own ending.
      JsonNode killed =
          WebClient.json(
              WebClient.bearer(f.plane.url(), f.userToken, "GET", "/api/runs/run-killed", null));
      assertThat(killed.path("status").asText()).isEqualTo("stopped");
      assertThat(killed.path("reason").asText()).isEqualTo(StopReason.INTERNAL_ERROR.code());
      JsonNode ended =
          WebClient.json(
              WebClient.bearer(f.plane.url(), f.userToken, "GET", "/api/runs/run-ended", null));
      assertThat(ended.path("status").asText()).isEqualTo("succeeded");
      // The live run's folder went at its own end, with its lock.
      assertThat(seats.resolve("run-live")).doesNotExist();
      assertThat(seats.resolve("run-live.lock")).doesNotExist();
    }
  }

  @Test
  void withTheControlPlaneGoneWhatTheCliKeptStillGoesAndTheRunIsStoppedNextTime() throws Exception {
    try (RunnerFixture f = new RunnerFixture(dir)) {
      RunsClient registry = new RunsClient(f.plane.url(), f.deviceToken, f.scrubber);
      HostSession host = host(f);
      f.record("run-killed");
      Path kept = Files.createDirectories(host.seatsDir().resolve("run-killed/gemini-home"));
      Files.writeString(kept.resolve("chat.jsonl"), "what the CLI kept");
      f.stopPlane();
      List<String> said = new ArrayList<>();
      OrphanSeatRuns.clear(host, registry, said::add);
      f.restartPlane();
      // The record went at once; an empty folder stays to remind the next seat run.
      assertThat(host.seatsDir().resolve("run-killed")).isEmptyDirectory();
      assertThat(said).anyMatch(l -> l.startsWith("could not mark run run-killed stopped"));

      said.clear();
      OrphanSeatRuns.clear(host, registry, said::add);
      assertThat(said).isEmpty();
      assertThat(host.seatsDir().resolve("run-killed")).doesNotExist();
      assertThat(registry.standing("run-killed")).isEqualTo(RunStanding.ENDED);
    }
  }
}
