package dev.nome.core.policy;

import java.util.Objects;

/**
 * One policy value and where it came from, so that a decision can name the rule that won.
 *
 * @param value the value in force
 * @param origin the file and line that set it, e.g. {@code shipped default policy, line 12}
 */
public record Setting<T>(T value, String origin) {
  public Setting {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
  }
}
