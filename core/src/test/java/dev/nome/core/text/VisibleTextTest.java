package dev.nome.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class VisibleTextTest {

  @Test
  void plainCommandsPassUnchanged() {
    String cmd = "git push --force origin main && echo 'done: 100%' # ünïcödé ✓ 日本語";
    VisibleText v = VisibleText.of(cmd);
    assertThat(v.text()).isEqualTo(cmd);
    assertThat(v.altered()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          newline hides a second command      | ls\\u000Arm -rf ~           | ls\\\\nrm -rf ~
          carriage return overwrites the line | rm -rf /\\u000Dls         | rm -rf /\\\\rls
          escape sequence clears the terminal | echo \\u001B[2Jhi         | echo \\\\u{1B}[2Jhi
          right-to-left override              | rm \\u202Etxt.exe         | rm \\\\u{202E}txt.exe
          left-to-right isolate               | a\\u2066b\\u2069c         | a\\\\u{2066}b\\\\u{2069}c
          arabic letter mark                  | x\\u061Cy                 | x\\\\u{61C}y
          zero width space                    | cu\\u200Brl evil          | cu\\\\u{200B}rl evil
          zero width joiner                   | a\\u200Db                 | a\\\\u{200D}b
          byte order mark                     | \\uFEFFls                 | \\\\u{FEFF}ls
          soft hyphen                         | pass\\u00ADwd             | pass\\\\u{AD}wd
          no-break space                      | rm\\u00A0-rf              | rm\\\\u{A0}-rf
          ideographic space                   | rm\\u3000-rf              | rm\\\\u{3000}-rf
          line separator                      | a\\u2028b                 | a\\\\u{2028}b
          hangul filler                       | a\\u3164b                 | a\\\\u{3164}b
          variation selector                  | a\\uFE0Fb                 | a\\\\u{FE0F}b
          delete                              | a\\u007Fb                 | a\\\\u{7F}b
          C1 control                          | a\\u009Bb                 | a\\\\u{9B}b
          private use                         | a\\uE000b                 | a\\\\u{E000}b
          word joiner                         | a\\u2060b                 | a\\\\u{2060}b
          tab                                 | a\\u0009b                 | a\\\\tb
          """)
  void hidingCharactersAreShownEscaped(String what, String input, String expected) {
    String raw = unescapeJava(input);
    assertThat(VisibleText.escape(raw)).as(what).isEqualTo(unescapeJava(expected));
    assertThat(VisibleText.of(raw).altered()).as(what).isTrue();
  }

  @Test
  void tagCharactersAndUnpairedSurrogatesAreEscaped() {
    String tags =
        "ok" + new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE007F));
    assertThat(VisibleText.escape(tags)).isEqualTo("ok\\u{E0041}\\u{E007F}");
    assertThat(VisibleText.escape("a\uD800b")).isEqualTo("a\\u{D800}b");
    assertThat(VisibleText.escape("a\uDC00")).isEqualTo("a\\u{DC00}");
  }

  @Test
  void aBackslashInTheTextCannotForgeAnEscape() {
    VisibleText v = VisibleText.of("echo \\u{202E}");
    assertThat(v.text()).isEqualTo("echo \\\\u{202E}");
    assertThat(v.altered()).isFalse();
  }

  @Test
  void stackedCombiningMarksBeyondTwoAreEscaped() {
    String accents = "e\u0301\u0302"; // two marks: a legitimate stacked accent
    assertThat(VisibleText.escape(accents)).isEqualTo(accents);
    assertThat(VisibleText.escape("e\u0301\u0302\u0303\u0304"))
        .isEqualTo("e\u0301\u0302\\u{303}\\u{304}");
  }

  @Test
  void partsMarkTheEscapes() {
    VisibleText v = VisibleText.of("a\u202Eb");
    assertThat(v.parts())
        .containsExactly(
            new VisibleText.Part("a", false),
            new VisibleText.Part("\\u{202E}", true),
            new VisibleText.Part("b", false));
    assertThat(v.hidden()).isEqualTo(1);
  }

  /**
   * Strings of up to {@code max} UTF-16 units from {@code from} to {@code to}, lone halves
   * included.
   */
  private static Gen<String> strings(int from, int to, int max) {
    return SourceDSL.strings().betweenCodePoints(from, to).ofLengthBetween(0, max);
  }

  @Test
  void outputHasNoInvisibleOrControlCharacters() {
    qt().withExamples(500)
        .forAll(strings(0, 0xFFFF, 40))
        .checkAssert(VisibleTextTest::assertNothingHidden);
  }

  private static void assertNothingHidden(String s) {
    String out = VisibleText.escape(s);
    out.codePoints()
        .forEach(
            cp -> {
              int t = Character.getType(cp);
              assertThat(
                      t == Character.CONTROL
                          || t == Character.FORMAT
                          || t == Character.SURROGATE
                          || t == Character.UNASSIGNED
                          || t == Character.PRIVATE_USE
                          || t == Character.LINE_SEPARATOR
                          || t == Character.PARAGRAPH_SEPARATOR
                          || (t == Character.SPACE_SEPARATOR && cp != ' '))
                  .as("U+%04X survived in %s", cp, out)
                  .isFalse();
            });
  }

  @Test
  void escapingIsInjectiveOnPrintableText() {
    qt().withExamples(300)
        .forAll(strings(0x20, 0x7E, 20), strings(0x20, 0x7E, 20))
        .checkAssert(
            (a, b) -> {
              if (!a.equals(b)) {
                assertThat(VisibleText.escape(a)).isNotEqualTo(VisibleText.escape(b));
              }
            });
  }

  private static String unescapeJava(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\'
          && i + 1 < s.length()
          && s.charAt(i + 1) == 'u'
          && i + 5 < s.length()
          && s.substring(i + 2, i + 6).matches("[0-9A-Fa-f]{4}")) {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
        b.append('\\');
        i++;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
