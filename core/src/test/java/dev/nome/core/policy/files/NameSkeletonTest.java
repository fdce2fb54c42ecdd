package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameSkeletonTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".ssh",
        ".SSH",
        ".Ssh",
        "．ｓｓｈ",
        ".ѕѕһ",
        ".s\u200Bsh",
        ".s\u00ADsh",
        ".ｓsh",
        ".ss\u0127"
      })
  void lookAlikesOfSshShareItsSkeleton(String name) {
    if (name.equals(".ss\u0127")) {
      // h with stroke is a different letter, not an accent: not folded
      assertThat(NameSkeleton.of(name)).isNotEqualTo(".ssh");
    } else {
      assertThat(NameSkeleton.of(name)).isEqualTo(".ssh");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {".clаude", ".CLAUDE", ".cl\u0430ud\u0435", ".Claude", ".cla\u0301ude"})
  void lookAlikesOfClaude(String name) {
    assertThat(NameSkeleton.of(name)).isEqualTo(".claude");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Main.java", "README.md", "src", "notes"})
  void ordinaryNamesOnlyLoseTheirCase(String name) {
    assertThat(NameSkeleton.of(name)).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
  }
}
