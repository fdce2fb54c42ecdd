package dev.nome.core.receipt;

import java.util.regex.Pattern;

/**
 * Checks for identifier fields (run, host, tool, rule and request ids, lanes, providers, models).
 * They are names chosen by NOME or by configuration, never free text, so they are held to a narrow
 * alphabet: anything that could carry content belongs in a {@code ScrubbedText} field instead.
 */
public final class Ids {

  public static final int MAX_LENGTH = 128;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}");

  private Ids() {}

  /** Returns {@code value} when it is a valid identifier, else throws naming the field. */
  public static String check(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 1-128 letters, digits or ._:@/+=- starting with a letter or digit");
    }
    return value;
  }

  /** True when {@code value} is a valid identifier. */
  public static boolean isValid(String value) {
    return value != null && ID.matcher(value).matches();
  }
}
