package dev.nome.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Properties that hold for any input: scrubbing is idempotent and never changes the lines. */
class ScrubberPropertiesTest {

  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);

  static long newlines(String s) {
    return s.chars().filter(c -> c == '\n').count();
  }

  static Gen<String> logish() {
    CorpusGenerator gen = new CorpusGenerator(5);
    List<String> tokens = gen.freeTokens().stream().map(s -> s.get().token()).toList();
    Gen<String> pieces =
        Generate.oneOf(
            Generate.pick(tokens),
            Generate.pick(
                List.of(
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
                    "AAAA")),
            SourceDSL.strings().betweenCodePoints('!', '~').ofLengthBetween(0, 70),
            SourceDSL.strings()
                .betweenCodePoints('0', 'z')
                .ofLengthBetween(8, 70)
                .map(t -> t.replaceAll("[^0-9A-Za-z]", "a")));
    return SourceDSL.lists().of(pieces).ofSizeBetween(0, 40).map(l -> String.join("", l));
  }

  @Test
  void scrubbingIsIdempotent() {
    qt().withExamples(300)
        .forAll(logish())
        .checkAssert(
            text -> {
              String once = SCRUBBER.scrub(text).value();
              assertThat(SCRUBBER.scrub(once).value()).isEqualTo(once);
            });
  }

  @Test
  void theNumberOfLinesNeverChanges() {
    qt().withExamples(300)
        .forAll(logish())
        .checkAssert(
            text -> assertThat(newlines(SCRUBBER.scrub(text).value())).isEqualTo(newlines(text)));
  }

  @Test
  void anyTextKeepsItsLines() {
    qt().withExamples(300)
        .forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(
            text -> {
              String out = SCRUBBER.scrub(text).value();
              assertThat(newlines(out)).isEqualTo(newlines(text));
            });
  }
}
