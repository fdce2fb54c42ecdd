package dev.nome.server.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserCodeTest {

  @Test
  void codesAreEightUnambiguousLettersShownWithADash() {
    for (int i = 0; i < 200; i++) {
      String c = UserCode.generate();
      assertThat(c).hasSize(8).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
      assertThat(UserCode.display(c)).matches("[A-Z]{4}-[A-Z]{4}");
    }
    assertThat(UserCode.ALPHABET).doesNotContain("0", "O", "1", "I", "A", "E", "U", "Y");
  }

  @Test
  void typingIsForgivingAboutCaseDashesAndSpacesOnly() {
    assertThat(UserCode.normalize("bcdf-ghjk")).contains("BCDFGHJK");
    assertThat(UserCode.normalize(" BCDF GHJK ")).contains("BCDFGHJK");
    assertThat(UserCode.normalize("BCDF-GHJ")).isEmpty();
    assertThat(UserCode.normalize("BCDF-GHJ0")).isEmpty();
    assertThat(UserCode.normalize("AEIO-UBCD")).isEmpty();
    assertThat(UserCode.normalize(null)).isEmpty();
    assertThat(UserCode.normalize("B".repeat(100))).isEmpty();
  }
}
