package dev.nome.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A shape is only a shortcut: it must never turn away text its rule's pattern matches, or a secret
 * would pass. Checked for every rule at every keyword of the corpus, of mutated corpus lines, and
 * of characters that fold onto ASCII letters under {@code (?i)}.
 */
class ShapeTest {

  static final RuleBook BOOK = RuleBook.standard();

  static boolean admits(String pattern, String text) {
    char[] b = text.toCharArray();
    return Shape.of(pattern).admits(b, 0, b.length);
  }

  @Test
  void anOpenRunIsFollowedOnlyWhereItsEndIsFixed() {
    String url = "://[^\\s/:@'\"]{0,}:([^\\s/@'\"]{1,})@";
    assertThat(admits(url, "://user:pa55word@db:5432/app")).isTrue();
    assertThat(admits(url, "://:x@h")).isTrue();
    assertThat(admits(url, "://repo.maven.apache.org/maven2/org")).isFalse();
    assertThat(admits(url, "://user@host")).isFalse();
    assertThat(admits(url, "://host:8080/path")).isFalse();
    // Not ASCII: matched by the negated classes.
    assertThat(admits(url, "://\u00fcser:p\u00e4ss@h")).isTrue();
    // a*b*a could end a* early: nothing after an open run whose successor may be empty.
    assertThat(admits("a*b*a", "aa")).isTrue();
    assertThat(admits("[a-z]+[a-z0-9]", "abc")).isTrue();
    // Optional or repeated groups and alternations are not read.
    assertThat(admits("(abc)?def", "def")).isTrue();
    assertThat(admits("x(?:ab|cd)y", "xcdy")).isTrue();
  }

  @Test
  void caseFoldingOntoAsciiLettersIsAdmitted() {
    assertThat(admits("(?i)key[a-z]{3}", "keyab\u212a")).isTrue(); // Kelvin sign folds onto k
    assertThat(admits("(?i)key[a-z]{3}", "key\u017fab")).isTrue(); // long s folds onto s
    assertThat(admits("(?i)key[A-Z]{3}", "keyabc")).isTrue();
    assertThat(admits("key[a-z]{3}", "keyab\u212a")).isFalse();
  }

  @Test
  void noShapeTurnsAwayWhatItsPatternMatches() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("positive.tsv", "negative.txt", "key-blocks.txt")) {
      try (InputStream in = ShapeTest.class.getResourceAsStream("corpus/" + name)) {
        lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      }
    }
    Random rnd = new Random(11);
    String pieces = "aZ09:/@_-.=\"' \t\u00e9\u212a\u017f+%$[]{}()";
    int corpus = lines.size();
    for (int round = 0; round < 4; round++) {
      for (int l = 0; l < corpus; l++) {
        StringBuilder sb = new StringBuilder(lines.get(l));
        for (int m = 1 + rnd.nextInt(3); m > 0 && sb.length() > 0; m--) {
          int at = rnd.nextInt(sb.length());
          char c = pieces.charAt(rnd.nextInt(pieces.length()));
          switch (rnd.nextInt(3)) {
            case 0 -> sb.deleteCharAt(at);
            case 1 -> sb.insert(at, c);
            default -> sb.setCharAt(at, c);
          }
        }
        lines.add(sb.toString());
      }
    }
    KeywordIndex index = BOOK.index();
    CharWindow window = new CharWindow();
    int matched = 0;
    for (String line : lines) {
      char[] b = line.toCharArray();
      int s = index.start();
      for (int i = 0; i < b.length; i++) {
        s = index.step(s, b[i]);
        if (s < index.firstReportingState() || s == index.newlineState()) {
          continue;
        }
        int[] rules = index.rulesAt(s);
        int[] lengths = index.lengthsAt(s);
        for (int h = 0; h < rules.length; h++) {
          if (rules[h] >= BOOK.rules().size() || !BOOK.rules().get(rules[h]).anchored()) {
            continue;
          }
          Rule rule = BOOK.rules().get(rules[h]);
          int p = i - lengths[h] + 1;
          int we = Math.min(b.length, p + rule.after());
          Pattern pattern = rule.pattern();
          if (pattern.matcher(window.set(b, p, we)).lookingAt()) {
            matched++;
            assertThat(rule.shape().admits(b, p, we))
                .as("%s at %d of %s", rule.kind(), p, line)
                .isTrue();
          }
        }
      }
    }
    assertThat(matched).as("keywords whose pattern matched").isGreaterThan(1000);
  }
}
