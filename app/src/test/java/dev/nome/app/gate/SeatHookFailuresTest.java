package dev.nome.app.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.runner.approvals.ApprovalDecision;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.seats.HookGate;
import dev.nome.runner.seats.SeatCli;
import dev.nome.runner.seats.SeatOutcome;
import dev.nome.server.model.ScriptedModelServer;
import dev.nome.server.model.ScriptedTurn;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every provider CLI lets a call proceed when its hook cannot reach the gate or outlives its
 * timeout. With each of the three real CLIs: a gate killed mid-run blocks the next call, and a hook
 * slower than its timeout blocks its call in time; neither call's side effect happens.
 */
class SeatHookFailuresTest {

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

  ScriptedModelServer model(String cli, String... commands) throws Exception {
    StringBuilder s = new StringBuilder("{\"turns\":[");
    for (int i = 0; i < commands.length; i++) {
      s.append("{\"text\":\"Run.\",\"toolCalls\":[")
          .append(Seats.shell(cli, "call_" + i, commands[i]))
          .append("]},");
    }
    return ScriptedModelServer.start(
        scratch.key(), ScriptedTurn.parse(s.append("{\"text\":\"Done.\"}]}").toString()));
  }

  @ParameterizedTest
  @FieldSource("dev.nome.app.gate.Seats#ALL")
  void whenTheGateDiesMidRunTheNextCallIsBlocked(String cli) throws Exception {
    setUp(cli);
    try (ScriptedModelServer model = model(cli, "touch one.txt", "touch two.txt")) {
      SeatCli seat = Seats.seat(cli, model, scratch.key(), scratch.node(), scratch.home(), 30);
      HookGate hooks = SeatRunFixture.localHooks(seat, scratch.ws(), ask -> null);
      // The gate dies once the first call is done: as the model's next turn is taken, before the
      // CLI hears it.
      model.beforeTurn(2, hooks::close);
      SeatRunFixture.runDirect(seat, scratch.dir(), scratch.ws(), hooks, scratch.env());
      hooks.close();
      assertThat(scratch.ws().resolve("one.txt")).exists();
      assertThat(scratch.ws().resolve("two.txt")).as("no gate, no call").doesNotExist();
      // The hook's own refusal reached the model.
      assertThat(model.received())
          .anySatisfy(r -> assertThat(r.body()).contains("NOME gate: the gate cannot be reached"));
    }
  }

  @ParameterizedTest
  @FieldSource("dev.nome.app.gate.Seats#ALL")
  void aHookSlowerThanItsTimeoutBlocksTheCall(String cli) throws Exception {
    setUp(cli);
    CountDownLatch never = new CountDownLatch(1);
    Approvals slow =
        ask -> {
          never.await(); // a person who never answers, and a gate that outlives the hook
          return new ApprovalDecision(
              "r", ApprovalDecision.Outcome.APPROVED, Optional.empty(), Optional.empty());
        };
    try (ScriptedModelServer model =
        model(cli, "git push --force origin main 2>/dev/null; touch ran.txt")) {
      SeatCli seat = Seats.seat(cli, model, scratch.key(), scratch.node(), scratch.home(), 5);
      try (HookGate hooks = SeatRunFixture.localHooks(seat, scratch.ws(), slow)) {
        long t0 = System.nanoTime();
        SeatOutcome o =
            SeatRunFixture.runDirect(seat, scratch.dir(), scratch.ws(), hooks, scratch.env());
        assertThat(scratch.ws().resolve("ran.txt")).doesNotExist();
        assertThat(o.commands()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        assertThat(model.received())
            .anySatisfy(r -> assertThat(r.body()).contains("NOME gate: no answer in time"));
      }
    } finally {
      never.countDown();
    }
  }
}
