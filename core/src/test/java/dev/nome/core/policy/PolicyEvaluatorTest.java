package dev.nome.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.Tier;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Policy policy(String userLayer) throws PolicyException {
    Policy p = Policies.shippedPolicy();
    return userLayer == null
        ? p
        : p.then(PolicyParser.parse(PolicyLayer.Kind.USER, "user.toml", userLayer));
  }

  private static ToolCall call(String tool) {
    return ToolCall.of(tool, JSON.createObjectNode());
  }

  @Test
  void aReadIsAllowedAndNamesTheRule() throws PolicyException {
    Decision d =
        PolicyEvaluator.evaluate(policy(null), RunState.start(), call("read_file"), Tier.READ);
    assertThat(d).isInstanceOf(Decision.Allow.class);
    assertThat(d.rule())
        .startsWith("tools.read_file.approve_at = \"danger\" (shipped default policy, line ");
  }

  @Test
  void aDangerousShellCommandAsksWithAReasonForTheApprover() throws PolicyException {
    Decision d =
        PolicyEvaluator.evaluate(policy(null), RunState.start(), call("shell"), Tier.DANGER);
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.Ask.class,
            a -> {
              assertThat(a.reason())
                  .isEqualTo("shell at tier danger needs approval (approve_at danger)");
              assertThat(a.queued()).isFalse();
            });
  }

  @Test
  void anUnknownToolFallsBackToDefaults() throws PolicyException {
    Decision d =
        PolicyEvaluator.evaluate(policy(null), RunState.start(), call("mcp__x__y"), Tier.WRITE);
    assertThat(d).isInstanceOf(Decision.Ask.class);
    assertThat(d.rule()).startsWith("defaults.approve_at = \"write\"");
  }

  @Test
  void aRoleThePolicyDoesNotListIsDenied() throws PolicyException {
    Policy p = policy("[tools.write_file]\nroles = [\"implementer\"]\n");
    Decision d =
        PolicyEvaluator.evaluate(
            p, RunState.start(), new ToolCall("write_file", "reviewer", null), Tier.WRITE);
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.Deny.class,
            x -> {
              assertThat(x.reason())
                  .isEqualTo("role 'reviewer' may not use write_file in this run");
              assertThat(x.rule())
                  .isEqualTo("tools.write_file.roles = [\"implementer\"] (user.toml, line 2)");
            });
    assertThat(
            PolicyEvaluator.evaluate(
                p, RunState.start(), new ToolCall("write_file", "implementer", null), Tier.WRITE))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void theCallLimitCountsCallsOfThisRun() throws PolicyException {
    Policy p = policy("[tools.search]\nmax_calls_per_run = 2\n");
    RunState s = RunState.start();
    for (int i = 0; i < 2; i++) {
      assertThat(PolicyEvaluator.evaluate(p, s, call("search"), Tier.READ))
          .isInstanceOf(Decision.Allow.class);
      s = s.after("search", p);
    }
    Decision d = PolicyEvaluator.evaluate(p, s, call("search"), Tier.READ);
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.Deny.class,
            x ->
                assertThat(x.reason())
                    .isEqualTo("search reached its limit of 2 calls in this run"));
    assertThat(d.rule()).contains("max_calls_per_run = 2 (user.toml, line 2)");
    assertThat(PolicyEvaluator.evaluate(p, s, call("read_file"), Tier.READ))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void zeroCallsMeansTheToolIsOff() throws PolicyException {
    Decision d =
        PolicyEvaluator.evaluate(
            policy("[tools.fetch_url]\nmax_calls_per_run = 0\n"),
            RunState.start(),
            call("fetch_url"),
            Tier.READ);
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.Deny.class,
            x -> assertThat(x.reason()).isEqualTo("fetch_url is not allowed in this run"));
  }

  @Test
  void theBudgetIsSpentByCostWeights() throws PolicyException {
    Policy p = policy("[run]\nbudget = 5\n[tools.shell]\ncost_weight = 2\n");
    RunState s = RunState.start().after("shell", p).after("shell", p);
    assertThat(s.spent()).isEqualTo(4.0);
    Decision d = PolicyEvaluator.evaluate(p, s, call("shell"), Tier.READ);
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.Deny.class,
            x ->
                assertThat(x.reason())
                    .isEqualTo("the run's budget of 5 is spent (4 used, this call costs 2)"));
    assertThat(d.rule()).isEqualTo("run.budget = 5 (user.toml, line 2)");
    assertThat(PolicyEvaluator.evaluate(p, s, call("read_file"), Tier.READ))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void offlineModes() throws PolicyException {
    Policy p = policy(null);
    RunState off = RunState.start().withOnline(false);
    assertThat(PolicyEvaluator.evaluate(p, off, call("fetch_url"), Tier.READ))
        .isInstanceOfSatisfying(
            Decision.Deny.class,
            x -> assertThat(x.rule()).startsWith("tools.fetch_url.offline = \"deny\""));
    assertThat(PolicyEvaluator.evaluate(p, off, call("shell"), Tier.READ))
        .isInstanceOfSatisfying(Decision.Ask.class, a -> assertThat(a.queued()).isTrue());
    assertThat(PolicyEvaluator.evaluate(p, off, call("read_file"), Tier.READ))
        .isInstanceOf(Decision.Allow.class);
    assertThat(PolicyEvaluator.evaluate(p, off, call("read_file"), Tier.WRITE))
        .isInstanceOfSatisfying(Decision.Ask.class, a -> assertThat(a.queued()).isTrue());
  }

  @Test
  void approveAtNeverLetsEvenDangerThrough() throws PolicyException {
    PolicyLayer base =
        PolicyParser.parse(
            PolicyLayer.Kind.SHIPPED,
            "base",
            "[run]\nbudget = 10\n[defaults]\nmax_calls_per_run = 5\napprove_at = \"never\"\n"
                + "offline = \"deny\"\ncost_weight = 1\nroles = [\"*\"]\n");
    assertThat(PolicyEvaluator.evaluate(Policy.of(base), RunState.start(), call("x"), Tier.DANGER))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void missingInputIsADenial() throws PolicyException {
    Decision d = PolicyEvaluator.evaluate(policy(null), RunState.start(), null, Tier.READ);
    assertThat(d).isInstanceOf(Decision.Deny.class);
    assertThat(d.rule()).isEqualTo(PolicyEvaluator.ERROR_RULE);
    assertThat(PolicyEvaluator.evaluate(policy(null), RunState.start(), call("shell"), null))
        .isInstanceOf(Decision.Deny.class);
  }

  @Test
  void aPolicyThatDidNotLoadDeniesEverythingWithTheError() {
    PolicyDecider d = PolicyDecider.refusing("policy.toml, line 3: unknown key 'x'");
    Decision decision = d.decide(RunState.start(), call("read_file"), Tier.READ);
    assertThat(decision)
        .isInstanceOfSatisfying(
            Decision.Deny.class,
            x ->
                assertThat(x.reason())
                    .isEqualTo("policy could not be loaded: policy.toml, line 3: unknown key 'x'"));
  }

  @Test
  void theDeciderAsksTheGatewayAboutFileToolPaths() throws PolicyException {
    FileGate gate =
        (path, wanted) ->
            new FileVerdict(
                path,
                "/r/" + path,
                path.equals("ok.txt") ? Access.WRITE : Access.NONE,
                path.equals("ok.txt"),
                java.util.List.of(
                    path.equals("ok.txt") ? "write: workspace" : "none: ~/.ssh (sensitive)"));
    PolicyDecider d = PolicyDecider.of(policy(null), gate);
    ObjectNode ok = JSON.createObjectNode().put("path", "ok.txt");
    ObjectNode bad = JSON.createObjectNode().put("path", "secret");
    assertThat(d.decide(RunState.start(), ToolCall.of("write_file", ok), Tier.WRITE))
        .isInstanceOf(Decision.Allow.class);
    Decision denied = d.decide(RunState.start(), ToolCall.of("read_file", bad), Tier.READ);
    assertThat(denied)
        .isInstanceOfSatisfying(
            Decision.Deny.class,
            x -> {
              assertThat(x.reason())
                  .isEqualTo("reading secret is not allowed: none: ~/.ssh (sensitive)");
              assertThat(x.rule()).isEqualTo("file gateway: none: ~/.ssh (sensitive)");
            });
    assertThat(
            d.decide(
                RunState.start(),
                ToolCall.of("read_file", JSON.getNodeFactory().textNode("ok.txt")),
                Tier.READ))
        .isInstanceOf(Decision.Deny.class);
    ObjectNode notText = JSON.createObjectNode().put("path", 3);
    assertThat(d.decide(RunState.start(), ToolCall.of("read_file", notText), Tier.READ))
        .isInstanceOf(Decision.Deny.class);
    FileGate broken =
        (path, wanted) -> {
          throw new IllegalStateException("boom");
        };
    assertThat(
            PolicyDecider.of(policy(null), broken)
                .decide(RunState.start(), ToolCall.of("read_file", ok), Tier.READ))
        .isInstanceOfSatisfying(Decision.Deny.class, x -> assertThat(x.reason()).contains("boom"));
  }
}
