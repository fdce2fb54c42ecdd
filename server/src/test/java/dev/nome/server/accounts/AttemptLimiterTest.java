package dev.nome.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {

  @Test
  void locksOutAfterTooManyFailuresAndReopensAfterTheLockout() {
    MutableClock clock = new MutableClock();
    AttemptLimiter l = new AttemptLimiter(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock);
    assertThat(l.fail("a")).isFalse();
    assertThat(l.fail("a")).isFalse();
    assertThat(l.allowed("a")).isTrue();
    assertThat(l.fail("a")).isTrue();
    assertThat(l.allowed("a")).isFalse();
    assertThat(l.allowed("b")).isTrue();
    clock.advance(Duration.ofMinutes(16));
    assertThat(l.allowed("a")).isTrue();
  }

  @Test
  void failuresOutsideTheWindowDoNotCount() {
    MutableClock clock = new MutableClock();
    AttemptLimiter l = new AttemptLimiter(2, Duration.ofMinutes(1), Duration.ofMinutes(5), clock);
    l.fail("a");
    clock.advance(Duration.ofMinutes(2));
    assertThat(l.fail("a")).isFalse();
    assertThat(l.allowed("a")).isTrue();
  }
}
