package dev.nome.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TierTest {

  @Test
  void maxPicksTheMoreDangerousTier() {
    assertThat(Tier.READ.max(Tier.WRITE)).isEqualTo(Tier.WRITE);
    assertThat(Tier.DANGER.max(Tier.READ)).isEqualTo(Tier.DANGER);
    assertThat(Tier.WRITE.max(Tier.WRITE)).isEqualTo(Tier.WRITE);
  }

  @Test
  void labelsRoundTripAndUnknownLabelsAreRefused() {
    for (Tier t : Tier.values()) {
      assertThat(Tier.parse(t.label())).isEqualTo(t);
    }
    assertThatThrownBy(() -> Tier.parse("READ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tier.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
