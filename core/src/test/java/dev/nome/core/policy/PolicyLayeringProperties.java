package dev.nome.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A later policy layer can only tighten: no call gets a less restrictive decision. */
class PolicyLayeringProperties {

  private static final List<String> TOOLS =
      List.of("shell", "read_file", "write_file", "fetch_url", "mcp__a__b", "other");
  private static final List<String> ROLES = List.of("default", "reviewer", "implementer");

  @Property(tries = 300)
  void aLaterLayerNeverLoosensADecision(
      @ForAll("layers") PolicyLayer first,
      @ForAll("layers") PolicyLayer second,
      @ForAll("states") RunState state,
      @ForAll("tools") String tool,
      @ForAll("roles") String role,
      @ForAll Tier tier)
      throws PolicyException {
    Policy base = Policies.shippedPolicy();
    Policy one = base.then(first);
    Policy two = one.then(second);
    ToolCall call = new ToolCall(tool, role, null);
    int d0 = PolicyEvaluator.evaluate(base, state, call, tier).severity();
    int d1 = PolicyEvaluator.evaluate(one, state, call, tier).severity();
    int d2 = PolicyEvaluator.evaluate(two, state, call, tier).severity();
    assertThat(d1).isGreaterThanOrEqualTo(d0);
    assertThat(d2).isGreaterThanOrEqualTo(d1);
  }

  @Property(tries = 300)
  void everySettingIsAtLeastAsStrictAfterLayering(
      @ForAll("layers") PolicyLayer layer, @ForAll("tools") String tool) throws PolicyException {
    Policy base = Policies.shippedPolicy();
    ToolRule before = base.rule(tool);
    ToolRule after = base.then(layer).rule(tool);
    assertThat(after.maxCallsPerRun().value()).isLessThanOrEqualTo(before.maxCallsPerRun().value());
    assertThat(after.approveAt().value()).isLessThanOrEqualTo(before.approveAt().value());
    assertThat(after.offline().value()).isGreaterThanOrEqualTo(before.offline().value());
    assertThat(after.costWeight().value()).isGreaterThanOrEqualTo(before.costWeight().value());
    assertThat(after.roles().value().within(before.roles().value())).isTrue();
    assertThat(base.then(layer).budget().value()).isLessThanOrEqualTo(base.budget().value());
  }

  @Provide
  Arbitrary<String> tools() {
    return Arbitraries.of(TOOLS);
  }

  @Provide
  Arbitrary<String> roles() {
    return Arbitraries.of(ROLES);
  }

  @Provide
  Arbitrary<RunState> states() {
    return Combinators.combine(
            Arbitraries.of(TOOLS).list().ofMaxSize(30),
            Arbitraries.doubles().between(0, 2500),
            Arbitraries.of(true, false))
        .as(
            (calls, spent, online) -> {
              Map<String, Long> counts = new HashMap<>();
              calls.forEach(t -> counts.merge(t, 1L, Long::sum));
              return new RunState(counts, spent, online);
            });
  }

  @Provide
  Arbitrary<PolicyLayer> layers() {
    Arbitrary<Map<String, ToolSettings>> tools =
        Arbitraries.maps(Arbitraries.of(TOOLS), settings()).ofMaxSize(4);
    Arbitrary<Setting<Double>> budget =
        Arbitraries.doubles().between(0, 4000).map(d -> new Setting<>(d, "layer")).injectNull(0.5);
    return Combinators.combine(
            Arbitraries.of(PolicyLayer.Kind.USER, PolicyLayer.Kind.WORK_ITEM),
            budget,
            settings(),
            tools)
        .as((kind, b, defaults, t) -> new PolicyLayer(kind, "layer", b, defaults, t, List.of()));
  }

  private Arbitrary<ToolSettings> settings() {
    Arbitrary<Setting<Long>> max =
        Arbitraries.longs().between(0, 3000).map(v -> new Setting<>(v, "layer")).injectNull(0.5);
    Arbitrary<Setting<ApproveAt>> approve =
        Arbitraries.of(ApproveAt.class).map(v -> new Setting<>(v, "layer")).injectNull(0.5);
    Arbitrary<Setting<OfflineMode>> offline =
        Arbitraries.of(OfflineMode.class).map(v -> new Setting<>(v, "layer")).injectNull(0.5);
    Arbitrary<Setting<Double>> cost =
        Arbitraries.doubles().between(0, 10).map(v -> new Setting<>(v, "layer")).injectNull(0.5);
    Arbitrary<Setting<Roles>> roles =
        Arbitraries.oneOf(
                Arbitraries.just(Roles.anyRole()),
                Arbitraries.subsetOf(ROLES).map(s -> Roles.of(Set.copyOf(s))))
            .map(v -> new Setting<>(v, "layer"))
            .injectNull(0.5);
    return Combinators.combine(max, approve, offline, cost, roles).as(ToolSettings::new);
  }
}
