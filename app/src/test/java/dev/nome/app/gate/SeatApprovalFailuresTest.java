package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.runner.agent.RunListener;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.launch.RunNotices;
import dev.nome.runner.launch.RunResult;
import dev.nome.runner.launch.SeatSession;
import dev.nome.runner.seats.HookGate;
import dev.nome.runner.seats.SeatCli;
import dev.nome.server.model.ScriptedTurn;
import dev.nome.server.testing.TestByok;
import dev.nome.server.testing.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A dangerous call of a seat run that waits for a person, with each of the three real CLIs and a
 * real control plane: when nobody answers in time it is a denial and the run goes on without it;
 * when the host is revoked while it waits, the run stops {@code host-revoked}. The command never
 * runs in either case.
 */
class SeatApprovalFailuresTest {

  static final String DANGER = "git push --force origin main 2>/dev/null; touch ran.txt";

  SeatScratch scratch;

  void setUp(String cli) throws Exception {
    scratch = SeatScratch.open(cli);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (scratch != null) {
      scratch.close();
    }
  }

  /**
   * The model asks for {@link #DANGER} once. A CLI that pauses on the call resumes it with the
   * answer; one that honours only a denial ends its turn while the call waits, and is resumed with
   * the decision afterwards, so its model says one more thing.
   */
  static List<ScriptedTurn> script(String cli) {
    String waits =
        Seats.pause(cli) == HookGate.Pause.DEFER ? "" : "{\"text\":\"Waiting for a person.\"},";
    return ScriptedTurn.parse(
        "{\"turns\":[{\"text\":\"Run.\",\"toolCalls\":["
            + Seats.shell(cli, "call_1", DANGER)
            + "]},"
            + waits
            + "{\"text\":\"Done.\"}]}");
  }

  /** A whole seat run of {@code cli} for a fresh run on the control plane. */
  RunResult seatRun(String cli, TestByok t, Gate.Timing timing, Consumer<String> onApprovalRaised)
      throws Exception {
    SecretScrubber scrubber = SeatRunFixture.randomScrubber();
    SeatRunFixture seat =
        SeatRunFixture.create(t, scratch.dir(), scratch.ws(), scrubber, "do it", cli, "pinned");
    SeatCli seatCli = Seats.seat(cli, t.model, scratch.key(), scratch.node(), scratch.home(), 60);
    assertThat(seatCli.pause())
        .as("the script follows how the CLI waits")
        .isEqualTo(Seats.pause(cli));
    String hostId = seat.host().hostId();
    return new SeatSession(seat.host(), seat.registry(), seatCli, scratch.env(), timing)
        .run(
            seat.workItem(),
            seat.run(),
            seat.plan(),
            RunListener.NONE,
            new RunNotices() {
              @Override
              public void approvalRaised(String approvalId) {
                onApprovalRaised.accept(hostId);
              }
            });
  }

  TestByok controlPlane(String cli) throws Exception {
    return TestByok.start(
        scratch.dir().resolve("server"),
        Optional.empty(),
        scratch.key(),
        script(cli),
        UnaryOperator.identity());
  }

  @ParameterizedTest
  @FieldSource("dev.nome.app.gate.Seats#ALL")
  void anApprovalNobodyGivesInTimeIsADenial(String cli) throws Exception {
    setUp(cli);
    try (TestByok t = controlPlane(cli)) {
      Gate.Timing shortTtl =
          new Gate.Timing(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));
      AtomicInteger raised = new AtomicInteger();
      RunResult r = seatRun(cli, t, shortTtl, host -> raised.incrementAndGet());
      assertThat(raised).as("the call waited for a person").hasValue(1);
      assertThat(scratch.ws().resolve("ran.txt")).doesNotExist();
      assertThat(r.outcome().status()).as(r.outcome().message()).isEqualTo("succeeded");
      assertThat(t.model.received()).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @ParameterizedTest
  @FieldSource("dev.nome.app.gate.Seats#ALL")
  void aHostRevokedWhileItsCallWaitsStopsTheRunAndItsCli(String cli) throws Exception {
    setUp(cli);
    try (TestByok t = controlPlane(cli)) {
      RunResult r =
          seatRun(
              cli,
              t,
              Gate.Timing.standard(),
              hostId -> {
                try {
                  var res =
                      WebClient.bearer(
                          t.plane.url(),
                          t.userToken,
                          "POST",
                          "/api/hosts/" + hostId + "/revoke",
                          "{}");
                  assertThat(res.statusCode()).isLessThan(300);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(scratch.ws().resolve("ran.txt")).doesNotExist();
      assertThat(r.outcome().status()).as(r.outcome().message()).isEqualTo("stopped");
      assertThat(r.outcome().reason()).contains(StopReason.HOST_REVOKED);
    }
  }
}
