package dev.nome.runner.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.core.route.StopReason;
import dev.nome.runner.agent.RunOutcome;
import dev.nome.runner.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a run's progress becomes in the runs API, and that a failed report does not throw. */
class RunReporterTest {

  /** Records the calls as the API would receive them; can be told to fail. */
  static final class Recording implements RunRegistry {
    final List<String> calls = new ArrayList<>();
    boolean fail;

    @Override
    public CreatedRun create(NewRun run) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void status(
        String runId,
        String status,
        Optional<String> step,
        Optional<StopReason> reason,
        Optional<String> message)
        throws IOException {
      if (fail) {
        throw new IOException("unreachable");
      }
      calls.add(
          "status "
              + runId
              + " "
              + status
              + " "
              + step.orElse("-")
              + reason.map(r -> " " + r.code()).orElse("")
              + message.map(m -> " " + m).orElse(""));
    }

    @Override
    public void usage(String runId, long in, long out) {
      calls.add("usage " + runId + " " + in + " " + out);
    }

    @Override
    public String createWorkItem(String title, String description) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putArtifact(String runId, String name, byte[] content) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aSeatRunsProgressBecomesStatusStepAndUsage() {
    Recording api = new Recording();
    RunReporter r = RunReporter.forSeat(api, "run-9", null);
    r.step(1);
    r.usage(new Usage(10, 2), new Usage(10, 2));
    r.approvalWaiting("shell", Tier.DANGER, false);
    r.approvalDone("shell", "approved");
    r.finished(
        new RunOutcome(
            "stopped", Optional.of(StopReason.HOST_REVOKED), "revoked", Usage.NONE, 1, 1));
    assertThat(api.calls)
        .containsExactly(
            "status run-9 running turn 1",
            "usage run-9 10 2",
            "status run-9 waiting-approval turn 1: waiting for approval: shell (danger)",
            "status run-9 running turn 1",
            "status run-9 stopped turn 1 host-revoked revoked");
  }

  @Test
  void aByokRunReportsNoUsageSinceTheModelProxyCountsIt() {
    Recording api = new Recording();
    RunReporter r = RunReporter.forByok(api, "run-9", null);
    r.step(1);
    r.usage(new Usage(10, 2), new Usage(10, 2));
    r.finished(new RunOutcome("succeeded", Optional.empty(), "done", new Usage(10, 2), 1, 1));
    assertThat(api.calls)
        .containsExactly("status run-9 running turn 1", "status run-9 succeeded turn 1 done");
    assertThat(r.failures()).isZero();
  }

  @Test
  void aReportThatCannotBeSentIsCountedNotThrown() {
    Recording api = new Recording();
    api.fail = true;
    List<String> problems = new ArrayList<>();
    RunReporter r = RunReporter.forByok(api, "run-9", problems::add);
    r.step(1);
    assertThat(r.failures()).isEqualTo(1);
    assertThat(problems).containsExactly("a run report could not be sent (IOException)");
  }
}
