package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileRule;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Rules can never open what the defaults protect: random rule sets (wildcards, ~, absolute and
 * workspace-relative globs, any access, granting or not) over the corpus tree.
 */
class FileGatewayProperties {
  private static GatewayTree tree;
  private static List<GatewayTree.Case> corpus;

  @BeforeAll
  static void buildTree() throws IOException {
    tree = new GatewayTree(Files.createTempDirectory("nome-gateway-props"));
    corpus = GatewayTree.corpus();
  }

  @AfterAll
  static void removeTree() throws IOException {
    tree.delete();
  }

  /** No wildcard-only rule set lifts a protected location above what the protected list leaves. */
  @Test
  void rulesThatDoNotNameAProtectedFileNeverLiftIt() {
    qt().withExamples(150)
        .forAll(ruleSets(), casesWhere(c -> !c.protection().equals("-")))
        .checkAssert(
            (rules, c) -> {
              FileGateway gate = gateway(rules);
              Access cap = c.protection().equals("read") ? Access.READ : Access.NONE;
              for (String spelling : spellings(c)) {
                assertThat(gate.check(spelling, Access.READ).access())
                    .as("%s under %s", spelling, rules)
                    .isLessThanOrEqualTo(cap);
                assertThat(gate.check(spelling, Access.WRITE).allowed()).isFalse();
              }
            });
  }

  /**
   * Adding a rule never loosens a verdict, except that a granting rule may open a path no granting
   * rule matched before, and then only up to its own access and the protected caps.
   */
  @Test
  void addingARuleNeverLoosensWhatOtherRulesDecided() {
    qt().withExamples(150)
        .forAll(ruleSets(), anyRule(), casesWhere(c -> true))
        .checkAssert(
            (rules, added, c) -> {
              FileGateway before = gateway(rules);
              List<FileRule> more = new ArrayList<>(rules);
              more.add(added);
              FileGateway after = gateway(more);
              FileGateway alone = gateway(List.of(added));
              String path = tree.absolute(c.target());
              Access was = before.check(path, Access.READ).access();
              Access now = after.check(path, Access.READ).access();
              boolean addedMatches =
                  alone.check(path, Access.READ).rules().contains(added.describe());
              if (now.compareTo(was) > 0) {
                assertThat(added.grants()).as("only a granting rule can open more").isTrue();
                assertThat(addedMatches).isTrue();
                assertThat(now).isLessThanOrEqualTo(added.access());
              }
              if (c.protection().equals("always")) {
                assertThat(now).isEqualTo(Access.NONE);
              }
            });
  }

  /** Always-denied locations stay denied whatever the rules, even rules that name them. */
  @Test
  void alwaysDeniedStaysDenied() {
    qt().withExamples(150)
        .forAll(namingRuleSets(), casesWhere(c -> c.protection().equals("always")))
        .checkAssert(
            (rules, c) -> {
              FileGateway gate = gateway(rules);
              for (String spelling : spellings(c)) {
                assertThat(gate.check(spelling, Access.READ).allowed()).as(spelling).isFalse();
                assertThat(gate.check(spelling, Access.WRITE).allowed()).as(spelling).isFalse();
              }
            });
  }

  private static FileGateway gateway(List<FileRule> rules) {
    try {
      return tree.gateway(rules);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> spellings(GatewayTree.Case c) {
    return tree.spellings(c.target());
  }

  private static Gen<GatewayTree.Case> casesWhere(
      java.util.function.Predicate<GatewayTree.Case> filter) {
    return Generate.pick(corpus.stream().filter(filter).toList());
  }

  private static Gen<List<FileRule>> ruleSets() {
    return SourceDSL.lists().of(anyRule()).ofSizeBetween(0, 6);
  }

  private static Gen<List<FileRule>> namingRuleSets() {
    Gen<FileRule> naming =
        Generate.pick(
                List.of(
                    "~/.claude",
                    "~/.claude/settings.json",
                    "~/.claude/**",
                    "~/.codex/auth.json",
                    "~/.gemini",
                    "~/.nome/device_token",
                    "~/.nome/**",
                    "~/.CLAUDE/settings.json",
                    "claudelink/settings.json",
                    "settings_copy.json",
                    "/**"))
            .zip(
                Generate.enumValues(Access.class), (p, a) -> new FileRule(p, a, true, "generated"));
    return SourceDSL.lists().of(naming.mix(anyRule())).ofSizeBetween(0, 6);
  }

  private static Gen<FileRule> anyRule() {
    Gen<String> start =
        Generate.pick(
            List.of("~", "/", tree.root.toString(), "", tree.workspace.toString(), "~/projects"));
    Gen<String> segment =
        Generate.pick(
            List.of(
                "**",
                "*",
                "?*",
                "app",
                "src",
                "docs",
                "home",
                "projects",
                "outside",
                "*.*",
                "*rc",
                "x?"));
    return start.zip(
        SourceDSL.lists().of(segment).ofSizeBetween(0, 4),
        Generate.enumValues(Access.class),
        Generate.booleans(),
        (s, segs, access, grants) -> {
          String joined = String.join("/", segs);
          String pattern =
              s.isEmpty()
                  ? (joined.isEmpty() ? "**" : joined)
                  : s.equals("/") ? "/" + joined : s + (joined.isEmpty() ? "" : "/" + joined);
          return new FileRule(pattern, access, grants, "generated");
        });
  }
}
