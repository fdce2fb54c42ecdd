package dev.nome.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.nome.core.Tier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** A later policy layer can only tighten: no call gets a less restrictive decision. */
class PolicyLayeringProperties {

  private static final List<String> TOOLS =
      List.of("shell", "read_file", "write_file", "fetch_url", "mcp__a__b", "other");
  private static final List<String> ROLES = List.of("default", "reviewer", "implementer");

  private static final Policy SHIPPED = shipped();

  private static Policy shipped() {
    try {
      return Policies.shippedPolicy();
    } catch (PolicyException e) {
      throw new IllegalStateException(e);
    }
  }

  record Call(String tool, String role, Tier tier, RunState state) {}

  @Test
  void aLaterLayerNeverLoosensADecision() {
    Gen<Call> calls =
        Generate.pick(TOOLS)
            .zip(Generate.pick(ROLES), Generate.enumValues(Tier.class), states(), Call::new);
    qt().withExamples(300)
        .forAll(layers(), layers(), calls)
        .checkAssert(
            (first, second, c) -> {
              Policy base = SHIPPED;
              Policy one = base.then(first);
              Policy two = one.then(second);
              ToolCall call = new ToolCall(c.tool(), c.role(), null);
              int d0 = PolicyEvaluator.evaluate(base, c.state(), call, c.tier()).severity();
              int d1 = PolicyEvaluator.evaluate(one, c.state(), call, c.tier()).severity();
              int d2 = PolicyEvaluator.evaluate(two, c.state(), call, c.tier()).severity();
              assertThat(d1).isGreaterThanOrEqualTo(d0);
              assertThat(d2).isGreaterThanOrEqualTo(d1);
            });
  }

  @Test
  void everySettingIsAtLeastAsStrictAfterLayering() {
    qt().withExamples(300)
        .forAll(layers(), Generate.pick(TOOLS))
        .checkAssert(
            (layer, tool) -> {
              Policy base = SHIPPED;
              ToolRule before = base.rule(tool);
              ToolRule after = base.then(layer).rule(tool);
              assertThat(after.maxCallsPerRun().value())
                  .isLessThanOrEqualTo(before.maxCallsPerRun().value());
              assertThat(after.approveAt().value()).isLessThanOrEqualTo(before.approveAt().value());
              assertThat(after.offline().value()).isGreaterThanOrEqualTo(before.offline().value());
              assertThat(after.costWeight().value())
                  .isGreaterThanOrEqualTo(before.costWeight().value());
              assertThat(after.roles().value().within(before.roles().value())).isTrue();
              assertThat(base.then(layer).budget().value())
                  .isLessThanOrEqualTo(base.budget().value());
            });
  }

  private static Gen<RunState> states() {
    return SourceDSL.lists()
        .of(Generate.pick(TOOLS))
        .ofSizeBetween(0, 30)
        .zip(
            SourceDSL.doubles().between(0, 2500),
            Generate.booleans(),
            (calls, spent, online) -> {
              Map<String, Long> counts = new HashMap<>();
              calls.forEach(t -> counts.merge(t, 1L, Long::sum));
              return new RunState(counts, spent, online);
            });
  }

  private static Gen<PolicyLayer> layers() {
    Gen<Map<String, ToolSettings>> tools =
        SourceDSL.lists()
            .of(Generate.pick(TOOLS).zip(settings(), Map::entry))
            .ofSizeBetween(0, 4)
            .map(
                entries -> {
                  Map<String, ToolSettings> m = new HashMap<>();
                  entries.forEach(e -> m.put(e.getKey(), e.getValue()));
                  return m;
                });
    Gen<Setting<Double>> budget =
        orNull(SourceDSL.doubles().between(0, 4000).map(d -> new Setting<>(d, "layer")));
    return Generate.pick(List.of(PolicyLayer.Kind.USER, PolicyLayer.Kind.WORK_ITEM))
        .zip(
            budget,
            settings(),
            tools,
            (kind, b, defaults, t) -> new PolicyLayer(kind, "layer", b, defaults, t, List.of()));
  }

  private static Gen<ToolSettings> settings() {
    Gen<Setting<Long>> max =
        orNull(Generate.longRange(0, 3000).map(v -> new Setting<>(v, "layer")));
    Gen<Setting<ApproveAt>> approve =
        orNull(Generate.enumValues(ApproveAt.class).map(v -> new Setting<>(v, "layer")));
    Gen<Setting<OfflineMode>> offline =
        orNull(Generate.enumValues(OfflineMode.class).map(v -> new Setting<>(v, "layer")));
    Gen<Setting<Double>> cost =
        orNull(SourceDSL.doubles().between(0, 10).map(v -> new Setting<>(v, "layer")));
    Gen<Roles> someRoles =
        SourceDSL.lists()
            .of(Generate.pick(ROLES))
            .ofSizeBetween(0, ROLES.size())
            .map(s -> Roles.of(Set.copyOf(s)));
    Gen<Setting<Roles>> roles =
        orNull(
            Generate.constant(Roles.anyRole()).mix(someRoles).map(v -> new Setting<>(v, "layer")));
    return max.zip(approve, offline, cost, (m, a, o, c) -> new ToolSettings(m, a, o, c, null))
        .zip(
            roles,
            (s, r) ->
                new ToolSettings(
                    s.maxCallsPerRun(), s.approveAt(), s.offline(), s.costWeight(), r));
  }

  /** Half of the values absent, as a layer that leaves a setting unsaid. */
  private static <T> Gen<T> orNull(Gen<T> gen) {
    return Generate.booleans().zip(gen, (absent, v) -> absent ? null : v);
  }
}
