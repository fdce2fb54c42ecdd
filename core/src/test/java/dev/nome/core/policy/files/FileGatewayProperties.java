package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileRule;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Rules can never open what the defaults protect: random rule sets (wildcards, ~, absolute and
 * workspace-relative globs, any access, granting or not) over the corpus tree.
 */
class FileGatewayProperties {

  private static GatewayTree tree;
  private static List<GatewayTree.Case> corpus;

  @BeforeContainer
  static void buildTree() throws IOException {
    tree = new GatewayTree(Files.createTempDirectory("nome-gateway-props"));
    corpus = GatewayTree.corpus();
  }

  @AfterContainer
  static void removeTree() throws IOException {
    tree.delete();
  }

  /** No wildcard-only rule set lifts a protected location above what the protected list leaves. */
  @Property(tries = 150)
  void rulesThatDoNotNameAProtectedFileNeverLiftIt(
      @ForAll("ruleSets") List<FileRule> rules, @ForAll("protectedCases") GatewayTree.Case c)
      throws IOException {
    FileGateway gate = tree.gateway(rules);
    Access cap = c.protection().equals("read") ? Access.READ : Access.NONE;
    for (String spelling : tree.spellings(c.target())) {
      assertThat(gate.check(spelling, Access.READ).access())
          .as("%s under %s", spelling, rules)
          .isLessThanOrEqualTo(cap);
      assertThat(gate.check(spelling, Access.WRITE).allowed()).isFalse();
    }
  }

  /**
   * Adding a rule never loosens a verdict, except that a granting rule may open a path no granting
   * rule matched before, and then only up to its own access and the protected caps.
   */
  @Property(tries = 150)
  void addingARuleNeverLoosensWhatOtherRulesDecided(
      @ForAll("ruleSets") List<FileRule> rules,
      @ForAll("anyRule") FileRule added,
      @ForAll("cases") GatewayTree.Case c)
      throws IOException {
    FileGateway before = tree.gateway(rules);
    List<FileRule> more = new ArrayList<>(rules);
    more.add(added);
    FileGateway after = tree.gateway(more);
    FileGateway alone = tree.gateway(List.of(added));
    String path = tree.absolute(c.target());
    Access was = before.check(path, Access.READ).access();
    Access now = after.check(path, Access.READ).access();
    boolean addedMatches = alone.check(path, Access.READ).rules().contains(added.describe());
    if (now.compareTo(was) > 0) {
      assertThat(added.grants()).as("only a granting rule can open more").isTrue();
      assertThat(addedMatches).isTrue();
      assertThat(now).isLessThanOrEqualTo(added.access());
    }
    if (c.protection().equals("always")) {
      assertThat(now).isEqualTo(Access.NONE);
    }
  }

  /** Always-denied locations stay denied whatever the rules, even rules that name them. */
  @Property(tries = 150)
  void alwaysDeniedStaysDenied(
      @ForAll("namingRuleSets") List<FileRule> rules, @ForAll("alwaysCases") GatewayTree.Case c)
      throws IOException {
    FileGateway gate = tree.gateway(rules);
    for (String spelling : tree.spellings(c.target())) {
      assertThat(gate.check(spelling, Access.READ).allowed()).as(spelling).isFalse();
      assertThat(gate.check(spelling, Access.WRITE).allowed()).as(spelling).isFalse();
    }
  }

  @Provide
  Arbitrary<GatewayTree.Case> cases() {
    return Arbitraries.of(corpus);
  }

  @Provide
  Arbitrary<GatewayTree.Case> protectedCases() {
    return Arbitraries.of(corpus.stream().filter(c -> !c.protection().equals("-")).toList());
  }

  @Provide
  Arbitrary<GatewayTree.Case> alwaysCases() {
    return Arbitraries.of(corpus.stream().filter(c -> c.protection().equals("always")).toList());
  }

  @Provide
  Arbitrary<List<FileRule>> ruleSets() {
    return anyRule().list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<FileRule>> namingRuleSets() {
    Arbitrary<FileRule> naming =
        Combinators.combine(
                Arbitraries.of(
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
                    "/**"),
                Arbitraries.of(Access.class))
            .as((p, a) -> new FileRule(p, a, true, "generated"));
    return Arbitraries.oneOf(naming, anyRule()).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<FileRule> anyRule() {
    Arbitrary<String> start =
        Arbitraries.of("~", "/", tree.root.toString(), "", tree.workspace.toString(), "~/projects");
    Arbitrary<String> segment =
        Arbitraries.of(
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
            "x?");
    return Combinators.combine(
            start,
            segment.list().ofMinSize(0).ofMaxSize(4),
            Arbitraries.of(Access.class),
            Arbitraries.of(true, false))
        .as(
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
