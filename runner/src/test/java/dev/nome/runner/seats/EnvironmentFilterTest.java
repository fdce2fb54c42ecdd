package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentFilterTest {

  @Test
  void onlyAllowlistedNamesPassAndCredentialShapedNamesAreRecorded() {
    var f =
        EnvironmentFilter.standard()
            .apply(
                Map.of(
                    "PATH", "/usr/bin",
                    "HOME", "/home/u",
                    "LC_ALL", "C",
                    "ANTHROPIC_API_KEY", "sk-ant-x",
                    "OPENAI_BASE_URL", "http://evil",
                    "GITHUB_TOKEN", "ghp_x",
                    "DB_PASSWORD", "p",
                    "EDITOR", "vi",
                    "CODEX_HOME", "/x"));
    assertThat(f.environment()).containsOnlyKeys("PATH", "HOME", "LC_ALL");
    assertThat(f.withheld())
        .containsExactly(
            "ANTHROPIC_API_KEY", "CODEX_HOME", "DB_PASSWORD", "GITHUB_TOKEN", "OPENAI_BASE_URL");
    assertThat(f.withheld()).doesNotContain("EDITOR");
    assertThat(String.join(",", f.withheld())).doesNotContain("sk-ant-x");
  }

  @Test
  void aDenyRuleBeatsAnAllowRule() {
    var f = EnvironmentFilter.parse("allow LC_*\ndeny *_TOKEN\n").apply(Map.of("LC_TOKEN", "x"));
    assertThat(f.environment()).isEmpty();
    assertThat(f.withheld()).containsExactly("LC_TOKEN");
  }

  @Test
  void unknownRuleWordsMakeTheRulesInvalid() {
    assertThatThrownBy(() -> EnvironmentFilter.parse("permit PATH"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> EnvironmentFilter.parse("allow PA TH"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
