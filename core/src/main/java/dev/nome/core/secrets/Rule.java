package dev.nome.core.secrets;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * One detection rule, as read from {@code rules.txt}.
 *
 * @param kind what the secret is; appears in the redaction marker
 * @param keywords literal strings, matched case-insensitively by the prefilter; the rule runs only
 *     where one occurs
 * @param pattern RE2 pattern; anchored (with ^) at the keyword when {@code before == 0}
 * @param search the same pattern unanchored, searched in windows around keywords
 * @param secretGroup the capture group holding the secret (0: the whole match)
 * @param keep leading characters of the secret that stay visible (a provider's public prefix)
 * @param check what a candidate must also pass
 * @param before how far before the keyword a match may start
 * @param after how far after the keyword's start a match may end
 * @param boundary whether the keyword must not follow a letter or digit
 */
record Rule(
    String kind,
    List<String> keywords,
    Pattern pattern,
    Pattern search,
    int secretGroup,
    int keep,
    Check check,
    int before,
    int after,
    boolean boundary,
    Shape shape) {

  Rule {
    keywords = List.copyOf(keywords);
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException(kind + ": a rule needs at least one keyword");
    }
    if (secretGroup > pattern.groupCount()) {
      throw new IllegalArgumentException(kind + ": no capture group " + secretGroup);
    }
    if (before < 0 || after <= 0 || keep < 0) {
      throw new IllegalArgumentException(kind + ": before, after and keep must be positive");
    }
  }

  boolean anchored() {
    return before == 0;
  }

  /** The most characters a match of this rule can span; the scrubber's chunk overlap covers it. */
  int reach() {
    return before + after;
  }
}
