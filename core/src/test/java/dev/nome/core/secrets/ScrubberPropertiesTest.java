package dev.nome.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties that hold for any input: scrubbing is idempotent and never changes the lines. */
class ScrubberPropertiesTest {

  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);

  static long newlines(String s) {
    return s.chars().filter(c -> c == '\n').count();
  }

  @Provide
  Arbitrary<String> logish() {
    CorpusGenerator gen = new CorpusGenerator(5);
    List<String> tokens = gen.freeTokens().stream().map(s -> s.get().token()).toList();
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.of(tokens),
            Arbitraries.of(
                "\n",
                "\r\n",
                " ",
                "=",
                ": ",
                "\"",
                "'",
                "password=",
                "token: ",
                "api_key=",
                "Authorization: Bearer ",
                "-----BEGIN RSA PRIVATE KEY-----\n",
                "-----END RSA PRIVATE KEY-----\n",
                "-----BEGIN CERTIFICATE-----\n",
                "Private-Lines: 2\n",
                "https://user:",
                "@host/",
                "[REDACTED:",
                "]",
                "ghp_",
                "sk-ant-api03-",
                "eyJ",
                ".",
                "\\n",
                "${VAR}",
                "xxxxx",
                "AAAA"),
            Arbitraries.strings().withCharRange('!', '~').ofMaxLength(70),
            Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(70));
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void scrubbingIsIdempotent(@ForAll("logish") String text) {
    String once = SCRUBBER.scrub(text).value();
    assertThat(SCRUBBER.scrub(once).value()).isEqualTo(once);
  }

  @Property(tries = 300)
  void theNumberOfLinesNeverChanges(@ForAll("logish") String text) {
    assertThat(newlines(SCRUBBER.scrub(text).value())).isEqualTo(newlines(text));
  }

  @Property(tries = 300)
  void anyTextKeepsItsLines(@ForAll String text) {
    String out = SCRUBBER.scrub(text).value();
    assertThat(newlines(out)).isEqualTo(newlines(text));
  }
}
