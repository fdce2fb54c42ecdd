package dev.nome.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void parsesSeatsAndKeys() {
    assertThat(Route.parse("seat:claude")).isEqualTo(new Route.Seat("claude"));
    assertThat(Route.parse("byok:work")).isEqualTo(new Route.Byok("work", Optional.empty()));
    assertThat(Route.parse("byok:work/claude-sonnet-4-5"))
        .isEqualTo(new Route.Byok("work", Optional.of("claude-sonnet-4-5")));
    assertThat(Route.parse(" byok:team key/gpt-4o ").text()).isEqualTo("byok:team key/gpt-4o");
  }

  @Test
  void refusesWhatItCannotReadInsteadOfGuessing() {
    for (String bad :
        new String[] {"", "claude", "seat:", "seat:cursor", "byok:", "byok:/m", "byok:k/", "x:y"}) {
      assertThatThrownBy(() -> Route.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Route.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stopReasonsHaveStableCodes() {
    assertThat(StopReason.KEY_REMOVED.code()).isEqualTo("key-removed");
    assertThat(StopReason.parse("provider-auth-failed")).contains(StopReason.PROVIDER_AUTH_FAILED);
    assertThat(StopReason.parse("nope")).isEmpty();
  }
}
