package dev.nome.core.policy;

import java.util.Objects;

/**
 * One file gateway rule from a policy file.
 *
 * @param pattern a glob: absolute ({@code /...}), under the home directory ({@code ~/...}) or
 *     relative to the workspace (anything else). {@code *} and {@code ?} match within one path
 *     segment, {@code **} matches any number of segments. A pattern that matches a directory covers
 *     everything below it.
 * @param access what the rule grants on the paths it matches
 * @param grants false for a rule from a layer that may only tighten (the work item's): such a rule
 *     can lower the access of what it matches but never counts as granting anything
 * @param origin the file and line it came from
 */
public record FileRule(String pattern, Access access, boolean grants, String origin) {
  public FileRule {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(origin, "origin");
  }

  /** How the rule is shown in a verdict. */
  public String describe() {
    return access.name().toLowerCase(java.util.Locale.ROOT)
        + ": "
        + pattern
        + " ("
        + origin
        + (grants ? "" : ", may only tighten")
        + ")";
  }
}
