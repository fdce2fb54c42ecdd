package dev.nome.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class CanonicalJsonTest {

  @Test
  void theRfcsMainExample() {
    // RFC 8785, section 3.2.2.
    String input =
        """
        {
          "numbers": [333333333.33333329, 1E30, 4.50,
                      2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }
        """;
    assertThat(CanonicalJson.canonicalize(input))
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void membersAreSortedByUtf16CodeUnits() {
    // RFC 8785, section 3.2.3.
    String input =
        """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """;
    String out = CanonicalJson.canonicalize(input);
    assertThat(out)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void theRfcsNumberTable() {
    // RFC 8785, appendix B: IEEE-754 bits and their canonical text.
    Map<String, String> table =
        Map.ofEntries(
            Map.entry("0000000000000000", "0"),
            Map.entry("8000000000000000", "0"),
            Map.entry("0000000000000001", "5e-324"),
            Map.entry("8000000000000001", "-5e-324"),
            Map.entry("7fefffffffffffff", "1.7976931348623157e+308"),
            Map.entry("ffefffffffffffff", "-1.7976931348623157e+308"),
            Map.entry("4340000000000000", "9007199254740992"),
            Map.entry("c340000000000000", "-9007199254740992"),
            Map.entry("4430000000000000", "295147905179352830000"),
            Map.entry("44b52d02c7e14af5", "9.999999999999997e+22"),
            Map.entry("44b52d02c7e14af6", "1e+23"),
            Map.entry("44b52d02c7e14af7", "1.0000000000000001e+23"),
            Map.entry("444b1ae4d6e2ef4e", "999999999999999700000"),
            Map.entry("444b1ae4d6e2ef4f", "999999999999999900000"),
            Map.entry("444b1ae4d6e2ef50", "1e+21"),
            Map.entry("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
            Map.entry("3eb0c6f7a0b5ed8d", "0.000001"),
            Map.entry("41b3de4355555553", "333333333.3333332"),
            Map.entry("41b3de4355555554", "333333333.33333325"),
            Map.entry("41b3de4355555555", "333333333.3333333"),
            Map.entry("41b3de4355555556", "333333333.3333334"),
            Map.entry("41b3de4355555557", "333333333.33333343"),
            Map.entry("becbf647612f3696", "-0.0000033333333333333333"),
            Map.entry("43143ff3c1cb0959", "1424953923781206.2"));
    table.forEach(
        (bits, text) -> assertThat(CanonicalJson.number(fromBits(bits))).as(bits).isEqualTo(text));
    assertThatThrownBy(() -> CanonicalJson.number(fromBits("7fffffffffffffff")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.number(fromBits("7ff0000000000000")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersMatchEcmaScriptOnACorpusOfRandomDoubles() throws Exception {
    // es-numbers.csv: bits and String(x) as a JavaScript engine printed them.
    int checked = 0;
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/receipt/es-numbers.csv"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",", 2);
        assertThat(CanonicalJson.number(fromBits(parts[0]))).as(parts[0]).isEqualTo(parts[1]);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2000);
  }

  @Test
  void numbersReadBackToTheSameDouble() {
    qt().withExamples(500)
        .forAll(SourceDSL.doubles().any())
        .checkAssert(
            d -> {
              if (Double.isNaN(d) || Double.isInfinite(d)) {
                return;
              }
              double back = Double.parseDouble(CanonicalJson.number(d));
              assertThat(back).isEqualTo(d == 0 ? 0.0 : d);
            });
  }

  @Test
  void stringsEscapeOnlyWhatTheRfcEscapes() {
    assertThat(CanonicalJson.toText("a\"b\\c\b\f\n\r\t\u0001\u001f/é€\u007f"))
        .isEqualTo("\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f/é€\u007f\"");
  }

  @Test
  void loneSurrogatesAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.toText("a\ud800b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.toText("\udc00"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void integersBeyondTwoToThe53AreRefused() {
    assertThat(CanonicalJson.toText(List.of(9_007_199_254_740_992L, -5L)))
        .isEqualTo("[9007199254740992,-5]");
    assertThatThrownBy(() -> CanonicalJson.toText(9_007_199_254_740_993L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void duplicateMemberNamesAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nestedObjectsAreSortedToo() {
    assertThat(CanonicalJson.canonicalize("{\"b\":{\"z\":1,\"y\":[{\"d\":1,\"c\":2}]},\"a\":[]}"))
        .isEqualTo("{\"a\":[],\"b\":{\"y\":[{\"c\":2,\"d\":1}],\"z\":1}}");
  }

  private static double fromBits(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex)).getDouble();
  }
}
